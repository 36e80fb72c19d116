// Package labels implements a simple label system: label sets and
// equality-based selectors over them.
package labels

import (
	"sort"
	"strings"
)

// Labels allows selectors to read label values from any source.
type Labels interface {
	Has(label string) bool
	Get(label string) string
}

// Set is a map of label:value. It implements Labels.
type Set map[string]string

// String returns all labels listed as a human readable string, sorted by key.
func (ls Set) String() string {
	keys := make([]string, 0, len(ls))
	for k := range ls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(ls))
	for _, k := range keys {
		parts = append(parts, k+"="+ls[k])
	}
	return strings.Join(parts, ",")
}

// Has returns whether the provided label exists in the map.
func (ls Set) Has(label string) bool {
	_, ok := ls[label]
	return ok
}

// Get returns the value in the map for the provided label.
func (ls Set) Get(label string) string { return ls[label] }

// AsSelector converts the set into a selector matching exactly these labels.
func (ls Set) AsSelector() Selector { return SelectorFromSet(ls) }

// Merge combines two sets; values of labels2 win on conflicts.
func Merge(labels1, labels2 Set) Set {
	out := Set{}
	for k, v := range labels1 {
		out[k] = v
	}
	for k, v := range labels2 {
		out[k] = v
	}
	return out
}

// Conflicts reports whether two sets assign different values to a key.
func Conflicts(labels1, labels2 Set) bool {
	small, big := labels1, labels2
	if len(labels2) < len(labels1) {
		small, big = labels2, labels1
	}
	for k, v := range small {
		if val, ok := big[k]; ok && val != v {
			return true
		}
	}
	return false
}
