// Package types holds small value types shared by API objects.
package types

import "strings"

// UID is a type that holds unique ID values, including UUIDs.
type UID string

// NodeName is a type that holds a node's name.
type NodeName string

// Separator joins the namespace and name of a NamespacedName.
const Separator = '/'

// NamespacedName comprises a resource name, with a mandatory namespace,
// rendered as "<namespace>/<name>".
type NamespacedName struct {
	Namespace string
	Name      string
}

// String returns the general purpose string representation.
func (n NamespacedName) String() string {
	if n.Namespace == "" {
		return n.Name
	}
	return n.Namespace + string(Separator) + n.Name
}

// ParseNamespacedName splits a "<namespace>/<name>" key. A key without a
// separator is treated as a cluster-scoped name.
func ParseNamespacedName(key string) NamespacedName {
	if i := strings.IndexRune(key, Separator); i >= 0 {
		return NamespacedName{Namespace: key[:i], Name: key[i+1:]}
	}
	return NamespacedName{Name: key}
}

// PatchType names the encoding of a patch body.
type PatchType string

// Supported patch encodings.
const (
	JSONPatchType           PatchType = "application/json-patch+json"
	MergePatchType          PatchType = "application/merge-patch+json"
	StrategicMergePatchType PatchType = "application/strategic-merge-patch+json"
)
