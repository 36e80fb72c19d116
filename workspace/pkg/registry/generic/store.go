// Package generic implements an in-memory object store with the
// create/update/delete semantics of the Kubernetes API: validation,
// resource versions and optimistic concurrency.
package generic

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// Strategy holds the behavior of one resource kind.
type Strategy interface {
	// NamespaceScoped reports whether objects live in namespaces.
	NamespaceScoped() bool
	// PrepareForCreate clears fields that users may not set on create.
	PrepareForCreate(obj runtime.Object)
	// PrepareForUpdate carries over fields that an update may not change.
	PrepareForUpdate(obj, old runtime.Object)
	// Validate returns the validation errors of a new object.
	Validate(obj runtime.Object) []string
	// ValidateUpdate returns the validation errors of an update.
	ValidateUpdate(obj, old runtime.Object) []string
}

// Store stores objects of one resource.
type Store struct {
	// Scheme deep-copies objects going in and out of the store.
	Scheme *runtime.Scheme
	// Resource names the stored resource in errors.
	Resource schema.GroupResource
	// Kind is the kind reported in validation errors.
	Kind string
	// Strategy implements the resource-specific behavior.
	Strategy Strategy

	data *objects
}

// objects is the state shared by a store and its strategy views.
type objects struct {
	mu       sync.RWMutex
	items    map[string]runtime.Object
	revision uint64
}

// NewStore returns an empty store.
func NewStore(scheme *runtime.Scheme, resource schema.GroupResource, kind string, strategy Strategy) *Store {
	return &Store{
		Scheme:   scheme,
		Resource: resource,
		Kind:     kind,
		Strategy: strategy,
		data:     &objects{items: map[string]runtime.Object{}},
	}
}

// WithStrategy returns a view of the same objects that applies another
// strategy, as used by subresources such as status.
func (s *Store) WithStrategy(strategy Strategy) *Store {
	return &Store{Scheme: s.Scheme, Resource: s.Resource, Kind: s.Kind, Strategy: strategy, data: s.data}
}

func (s *Store) key(namespace, name string) string {
	if s.Strategy.NamespaceScoped() {
		return namespace + "/" + name
	}
	return name
}

func (s *Store) copy(obj runtime.Object) (runtime.Object, error) {
	return s.Scheme.DeepCopy(obj)
}

func newUID() types.UID {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b)
	return types.UID(h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:])
}

// Create validates and stores a new object and returns the stored copy.
func (s *Store) Create(_ context.Context, obj runtime.Object) (runtime.Object, error) {
	accessor, ok := obj.(metav1.Object)
	if !ok {
		return nil, fmt.Errorf("object %T has no metadata", obj)
	}
	if accessor.GetName() == "" {
		if m, ok := obj.(interface{ GetGenerateName() string }); ok && m.GetGenerateName() != "" {
			accessor.SetName(m.GetGenerateName() + string(newUID())[:5])
		}
	}
	s.Strategy.PrepareForCreate(obj)
	if errs := s.Strategy.Validate(obj); len(errs) > 0 {
		return nil, apierrors.NewInvalid(s.Kind, accessor.GetName(), errs)
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	key := s.key(accessor.GetNamespace(), accessor.GetName())
	if _, exists := s.data.items[key]; exists {
		return nil, apierrors.NewAlreadyExists(s.Resource, accessor.GetName())
	}
	s.data.revision++
	accessor.SetUID(newUID())
	accessor.SetCreationTimestamp(metav1.Now().Rfc3339Copy())
	accessor.SetResourceVersion(strconv.FormatUint(s.data.revision, 10))
	stored, err := s.copy(obj)
	if err != nil {
		return nil, err
	}
	s.data.items[key] = stored
	return s.copy(stored)
}

// Get returns a copy of the named object.
func (s *Store) Get(_ context.Context, namespace, name string) (runtime.Object, error) {
	s.data.mu.RLock()
	defer s.data.mu.RUnlock()
	obj, ok := s.data.items[s.key(namespace, name)]
	if !ok {
		return nil, apierrors.NewNotFound(s.Resource, name)
	}
	return s.copy(obj)
}

// List returns copies of the objects in namespace (all namespaces when
// empty) matching selector, ordered by key.
func (s *Store) List(_ context.Context, namespace string, selector labels.Selector) ([]runtime.Object, string, error) {
	if selector == nil {
		selector = labels.Everything()
	}
	s.data.mu.RLock()
	defer s.data.mu.RUnlock()
	keys := make([]string, 0, len(s.data.items))
	for k := range s.data.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []runtime.Object
	for _, k := range keys {
		obj := s.data.items[k]
		accessor := obj.(metav1.Object)
		if namespace != "" && accessor.GetNamespace() != namespace {
			continue
		}
		if !selector.Matches(labels.Set(accessor.GetLabels())) {
			continue
		}
		c, err := s.copy(obj)
		if err != nil {
			return nil, "", err
		}
		out = append(out, c)
	}
	return out, strconv.FormatUint(s.data.revision, 10), nil
}

// Update replaces an existing object. A non-empty resourceVersion on obj
// must match the stored one.
func (s *Store) Update(_ context.Context, obj runtime.Object) (runtime.Object, error) {
	accessor, ok := obj.(metav1.Object)
	if !ok {
		return nil, fmt.Errorf("object %T has no metadata", obj)
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	key := s.key(accessor.GetNamespace(), accessor.GetName())
	old, exists := s.data.items[key]
	if !exists {
		return nil, apierrors.NewNotFound(s.Resource, accessor.GetName())
	}
	oldAccessor := old.(metav1.Object)
	if rv := accessor.GetResourceVersion(); rv != "" && rv != oldAccessor.GetResourceVersion() {
		return nil, apierrors.NewConflict(s.Resource, accessor.GetName(),
			fmt.Errorf("the object has been modified; please apply your changes to the latest version and try again"))
	}
	s.Strategy.PrepareForUpdate(obj, old)
	if errs := s.Strategy.ValidateUpdate(obj, old); len(errs) > 0 {
		return nil, apierrors.NewInvalid(s.Kind, accessor.GetName(), errs)
	}
	s.data.revision++
	accessor.SetUID(oldAccessor.GetUID())
	accessor.SetCreationTimestamp(oldAccessor.GetCreationTimestamp())
	accessor.SetResourceVersion(strconv.FormatUint(s.data.revision, 10))
	stored, err := s.copy(obj)
	if err != nil {
		return nil, err
	}
	s.data.items[key] = stored
	return s.copy(stored)
}

// Delete removes the named object and returns its last state.
func (s *Store) Delete(_ context.Context, namespace, name string) (runtime.Object, error) {
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	key := s.key(namespace, name)
	obj, ok := s.data.items[key]
	if !ok {
		return nil, apierrors.NewNotFound(s.Resource, name)
	}
	delete(s.data.items, key)
	s.data.revision++
	return obj, nil
}
