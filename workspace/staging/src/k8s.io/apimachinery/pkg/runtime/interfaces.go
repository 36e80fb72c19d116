// Package runtime defines the Object interface implemented by all API
// types and the Scheme that maps Go types to their serialized kinds.
package runtime

import "k8s.io/apimachinery/pkg/runtime/schema"

// Object is implemented by every API type that can be registered with a Scheme.
type Object interface {
	GetObjectKind() schema.ObjectKind
}

// Unknown carries raw serialized data whose type is not registered.
type Unknown struct {
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Raw        []byte `json:"-"`
}

// GetObjectKind implements Object.
func (u *Unknown) GetObjectKind() schema.ObjectKind { return u }

// SetGroupVersionKind implements schema.ObjectKind.
func (u *Unknown) SetGroupVersionKind(gvk schema.GroupVersionKind) {
	u.APIVersion, u.Kind = gvk.ToAPIVersionAndKind()
}

// GroupVersionKind implements schema.ObjectKind.
func (u *Unknown) GroupVersionKind() schema.GroupVersionKind {
	return schema.FromAPIVersionAndKind(u.APIVersion, u.Kind)
}
