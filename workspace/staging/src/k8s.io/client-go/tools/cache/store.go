// Package cache is a client-side caching mechanism: a thread-safe store
// keyed by namespace/name, and a polling informer that feeds it.
package cache

import (
	"fmt"
	"sort"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// KeyFunc knows how to make a key from an object.
type KeyFunc func(obj interface{}) (string, error)

// ExplicitKey can be passed to MetaNamespaceKeyFunc if you have the key for
// the object but not the object itself.
type ExplicitKey string

// MetaNamespaceKeyFunc returns "<namespace>/<name>" for namespaced objects
// and "<name>" for cluster-scoped ones.
func MetaNamespaceKeyFunc(obj interface{}) (string, error) {
	if key, ok := obj.(ExplicitKey); ok {
		return string(key), nil
	}
	meta, ok := obj.(metav1.Object)
	if !ok {
		return "", fmt.Errorf("object has no meta: %T", obj)
	}
	if ns := meta.GetNamespace(); len(ns) > 0 {
		return ns + "/" + meta.GetName(), nil
	}
	return meta.GetName(), nil
}

// Store is a generic object storage interface.
type Store interface {
	Add(obj interface{}) error
	Update(obj interface{}) error
	Delete(obj interface{}) error
	List() []interface{}
	ListKeys() []string
	Get(obj interface{}) (item interface{}, exists bool, err error)
	GetByKey(key string) (item interface{}, exists bool, err error)
	Replace(list []interface{}) error
}

// Indexer extends Store with lookups by namespace.
type Indexer interface {
	Store
	ByNamespace(namespace string) []interface{}
}

type threadSafeStore struct {
	mu      sync.RWMutex
	keyFunc KeyFunc
	items   map[string]interface{}
}

// NewStore returns a Store implemented simply with a map and a lock.
func NewStore(keyFunc KeyFunc) Store { return NewIndexer(keyFunc) }

// NewIndexer returns an Indexer implemented simply with a map and a lock.
func NewIndexer(keyFunc KeyFunc) Indexer {
	return &threadSafeStore{keyFunc: keyFunc, items: map[string]interface{}{}}
}

func (s *threadSafeStore) Add(obj interface{}) error {
	key, err := s.keyFunc(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[key] = obj
	return nil
}

func (s *threadSafeStore) Update(obj interface{}) error { return s.Add(obj) }

func (s *threadSafeStore) Delete(obj interface{}) error {
	key, err := s.keyFunc(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.items, key)
	return nil
}

func (s *threadSafeStore) List() []interface{} {
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := s.sortedKeys()
	out := make([]interface{}, 0, len(keys))
	for _, k := range keys {
		out = append(out, s.items[k])
	}
	return out
}

func (s *threadSafeStore) ListKeys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sortedKeys()
}

func (s *threadSafeStore) sortedKeys() []string {
	keys := make([]string, 0, len(s.items))
	for k := range s.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *threadSafeStore) Get(obj interface{}) (interface{}, bool, error) {
	key, err := s.keyFunc(obj)
	if err != nil {
		return nil, false, err
	}
	return s.GetByKey(key)
}

func (s *threadSafeStore) GetByKey(key string) (interface{}, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	item, ok := s.items[key]
	return item, ok, nil
}

func (s *threadSafeStore) Replace(list []interface{}) error {
	items := make(map[string]interface{}, len(list))
	for _, obj := range list {
		key, err := s.keyFunc(obj)
		if err != nil {
			return err
		}
		items[key] = obj
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
	return nil
}

func (s *threadSafeStore) ByNamespace(namespace string) []interface{} {
	var out []interface{}
	for _, obj := range s.List() {
		if meta, ok := obj.(metav1.Object); ok && meta.GetNamespace() == namespace {
			out = append(out, obj)
		}
	}
	return out
}
