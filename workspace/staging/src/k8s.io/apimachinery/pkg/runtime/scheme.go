package runtime

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"sync"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Scheme maps Go types to GroupVersionKinds and back, and encodes and
// decodes registered objects as JSON.
type Scheme struct {
	mu          sync.RWMutex
	gvkToType   map[schema.GroupVersionKind]reflect.Type
	typeToGVK   map[reflect.Type][]schema.GroupVersionKind
	defaulters  map[reflect.Type]func(Object)
	versionPrio map[string][]string
}

// NewScheme returns an empty Scheme.
func NewScheme() *Scheme {
	return &Scheme{
		gvkToType:   map[schema.GroupVersionKind]reflect.Type{},
		typeToGVK:   map[reflect.Type][]schema.GroupVersionKind{},
		defaulters:  map[reflect.Type]func(Object){},
		versionPrio: map[string][]string{},
	}
}

// SchemeBuilder collects functions that register types with a Scheme.
type SchemeBuilder []func(*Scheme) error

// NewSchemeBuilder returns a builder for the given registration functions.
func NewSchemeBuilder(funcs ...func(*Scheme) error) SchemeBuilder {
	return SchemeBuilder(funcs)
}

// Register appends registration functions.
func (sb *SchemeBuilder) Register(funcs ...func(*Scheme) error) {
	*sb = append(*sb, funcs...)
}

// AddToScheme applies every registration function to s.
func (sb *SchemeBuilder) AddToScheme(s *Scheme) error {
	for _, f := range *sb {
		if err := f(s); err != nil {
			return err
		}
	}
	return nil
}

// AddKnownTypes registers pointer-to-struct types under the group version
// using each struct's Go name as its kind.
func (s *Scheme) AddKnownTypes(gv schema.GroupVersion, types ...Object) {
	for _, obj := range types {
		t := reflect.TypeOf(obj)
		if t.Kind() != reflect.Pointer {
			panic("all types must be pointers to structs")
		}
		s.AddKnownTypeWithName(gv.WithKind(t.Elem().Name()), obj)
	}
}

// AddKnownTypeWithName registers obj under an explicit kind.
func (s *Scheme) AddKnownTypeWithName(gvk schema.GroupVersionKind, obj Object) {
	t := reflect.TypeOf(obj).Elem()
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.gvkToType[gvk]; ok && old != t {
		panic(fmt.Sprintf("double registration of different types for %v: old=%v, new=%v", gvk, old, t))
	}
	s.gvkToType[gvk] = t
	for _, existing := range s.typeToGVK[t] {
		if existing == gvk {
			return
		}
	}
	s.typeToGVK[t] = append(s.typeToGVK[t], gvk)
}

// AddTypeDefaultingFunc registers a function applied by Default.
func (s *Scheme) AddTypeDefaultingFunc(srcType Object, fn func(Object)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defaulters[reflect.TypeOf(srcType)] = fn
}

// SetVersionPriority records the preferred order of versions in a group.
func (s *Scheme) SetVersionPriority(versions ...schema.GroupVersion) error {
	if len(versions) == 0 {
		return nil
	}
	group := versions[0].Group
	var names []string
	for _, v := range versions {
		if v.Group != group {
			return fmt.Errorf("%q does not belong to group %q", v, group)
		}
		names = append(names, v.Version)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versionPrio[group] = names
	return nil
}

// PrioritizedVersionsForGroup returns the versions registered by SetVersionPriority.
func (s *Scheme) PrioritizedVersionsForGroup(group string) []schema.GroupVersion {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []schema.GroupVersion
	for _, v := range s.versionPrio[group] {
		out = append(out, schema.GroupVersion{Group: group, Version: v})
	}
	return out
}

// Default applies the registered defaulting function for obj, if any.
func (s *Scheme) Default(obj Object) {
	s.mu.RLock()
	fn := s.defaulters[reflect.TypeOf(obj)]
	s.mu.RUnlock()
	if fn != nil {
		fn(obj)
	}
}

// Recognizes reports whether gvk is registered.
func (s *Scheme) Recognizes(gvk schema.GroupVersionKind) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.gvkToType[gvk]
	return ok
}

// New returns a new zero object of the registered kind.
func (s *Scheme) New(gvk schema.GroupVersionKind) (Object, error) {
	s.mu.RLock()
	t, ok := s.gvkToType[gvk]
	s.mu.RUnlock()
	if !ok {
		return nil, &notRegisteredErr{gvk: gvk}
	}
	return reflect.New(t).Interface().(Object), nil
}

// ObjectKinds returns every kind obj is registered as.
func (s *Scheme) ObjectKinds(obj Object) ([]schema.GroupVersionKind, error) {
	t := reflect.TypeOf(obj)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	gvks, ok := s.typeToGVK[t]
	if !ok {
		return nil, &notRegisteredErr{t: t}
	}
	return append([]schema.GroupVersionKind(nil), gvks...), nil
}

// AllKnownTypes returns a copy of the kind to type registry.
func (s *Scheme) AllKnownTypes() map[schema.GroupVersionKind]reflect.Type {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[schema.GroupVersionKind]reflect.Type, len(s.gvkToType))
	for k, v := range s.gvkToType {
		out[k] = v
	}
	return out
}

// KnownKinds returns the sorted kind names registered for gv.
func (s *Scheme) KnownKinds(gv schema.GroupVersion) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var kinds []string
	for gvk := range s.gvkToType {
		if gvk.GroupVersion() == gv {
			kinds = append(kinds, gvk.Kind)
		}
	}
	sort.Strings(kinds)
	return kinds
}

// Encode sets the object's type information from the scheme and returns
// its JSON form.
func (s *Scheme) Encode(obj Object) ([]byte, error) {
	gvks, err := s.ObjectKinds(obj)
	if err != nil {
		return nil, err
	}
	obj.GetObjectKind().SetGroupVersionKind(gvks[0])
	return json.Marshal(obj)
}

// Decode reads the apiVersion and kind of data, allocates the registered
// type and unmarshals into it.
func (s *Scheme) Decode(data []byte) (Object, schema.GroupVersionKind, error) {
	var tm struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(data, &tm); err != nil {
		return nil, schema.GroupVersionKind{}, err
	}
	gvk := schema.FromAPIVersionAndKind(tm.APIVersion, tm.Kind)
	if gvk.Kind == "" {
		return nil, gvk, fmt.Errorf("object has no kind: %s", truncate(data))
	}
	obj, err := s.New(gvk)
	if err != nil {
		return &Unknown{APIVersion: tm.APIVersion, Kind: tm.Kind, Raw: data}, gvk, err
	}
	if err := json.Unmarshal(data, obj); err != nil {
		return nil, gvk, err
	}
	s.Default(obj)
	return obj, gvk, nil
}

// DeepCopy returns an independent copy of a registered object by
// round-tripping it through its serialized form.
func (s *Scheme) DeepCopy(obj Object) (Object, error) {
	data, err := s.Encode(obj)
	if err != nil {
		return nil, err
	}
	out, _, err := s.Decode(data)
	return out, err
}

func truncate(data []byte) string {
	if len(data) > 64 {
		return string(data[:64]) + "..."
	}
	return string(data)
}

type notRegisteredErr struct {
	gvk schema.GroupVersionKind
	t   reflect.Type
}

func (e *notRegisteredErr) Error() string {
	if e.t != nil {
		return fmt.Sprintf("no kind is registered for the type %v", e.t)
	}
	return fmt.Sprintf("no kind %q is registered for version %q", e.gvk.Kind, e.gvk.GroupVersion())
}

// IsNotRegisteredError reports whether err came from an unregistered type or kind.
func IsNotRegisteredError(err error) bool {
	_, ok := err.(*notRegisteredErr)
	return ok
}
