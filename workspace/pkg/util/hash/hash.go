// Package hash writes stable representations of objects into hashers, for
// names and labels derived from object content.
package hash

import (
	"encoding/json"
	"fmt"
	"hash"
	"hash/fnv"
)

// DeepHashObject writes a specified object to hash using its JSON form,
// which is stable across runs: map keys are sorted and pointers are
// followed rather than printed as addresses.
func DeepHashObject(hasher hash.Hash, objectToWrite interface{}) {
	hasher.Reset()
	data, err := json.Marshal(objectToWrite)
	if err != nil {
		// Fall back to the Go syntax representation, which is stable for
		// values without pointers or maps.
		fmt.Fprintf(hasher, "%#v", objectToWrite)
		return
	}
	hasher.Write(data)
}

// ObjectHash32 returns the FNV-32a hash of obj.
func ObjectHash32(obj interface{}) uint32 {
	hasher := fnv.New32a()
	DeepHashObject(hasher, obj)
	return hasher.Sum32()
}

// SafeEncodeString encodes s using an alphabet without vowels and
// similar-looking characters, so that hash-derived names never spell words.
func SafeEncodeString(s string) string {
	const alphanums = "bcdfghjklmnpqrstvwxz2456789"
	r := make([]byte, len(s))
	for i, b := range []byte(s) {
		r[i] = alphanums[int(b)%len(alphanums)]
	}
	return string(r)
}

// ShortHash returns a safe-encoded decimal rendering of the 32-bit hash of
// obj, as used for pod-template-hash labels and config source names.
func ShortHash(obj interface{}) string {
	return SafeEncodeString(fmt.Sprint(ObjectHash32(obj)))
}
