package cache

import (
	"reflect"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
)

// ResourceEventHandler can handle notifications for events that happen to a resource.
type ResourceEventHandler interface {
	OnAdd(obj interface{})
	OnUpdate(oldObj, newObj interface{})
	OnDelete(obj interface{})
}

// ResourceEventHandlerFuncs is an adaptor to let you easily specify as many
// or as few of the notification functions as you want.
type ResourceEventHandlerFuncs struct {
	AddFunc    func(obj interface{})
	UpdateFunc func(oldObj, newObj interface{})
	DeleteFunc func(obj interface{})
}

// OnAdd calls AddFunc if it's not nil.
func (r ResourceEventHandlerFuncs) OnAdd(obj interface{}) {
	if r.AddFunc != nil {
		r.AddFunc(obj)
	}
}

// OnUpdate calls UpdateFunc if it's not nil.
func (r ResourceEventHandlerFuncs) OnUpdate(oldObj, newObj interface{}) {
	if r.UpdateFunc != nil {
		r.UpdateFunc(oldObj, newObj)
	}
}

// OnDelete calls DeleteFunc if it's not nil.
func (r ResourceEventHandlerFuncs) OnDelete(obj interface{}) {
	if r.DeleteFunc != nil {
		r.DeleteFunc(obj)
	}
}

// ListFunc lists all objects of a resource.
type ListFunc func() ([]metav1.Object, error)

// Informer keeps an Indexer in sync with a resource by periodically
// relisting it, and notifies a handler of the differences.
type Informer struct {
	list    ListFunc
	handler ResourceEventHandler
	indexer Indexer

	mu     sync.Mutex
	synced bool
}

// NewInformer returns an Informer and the Indexer it fills.
func NewInformer(list ListFunc, handler ResourceEventHandler) (Indexer, *Informer) {
	indexer := NewIndexer(MetaNamespaceKeyFunc)
	return indexer, &Informer{list: list, handler: handler, indexer: indexer}
}

// Run relists every resyncPeriod until stopCh is closed.
func (i *Informer) Run(resyncPeriod time.Duration, stopCh <-chan struct{}) {
	wait.Until(func() { _ = i.Sync() }, resyncPeriod, stopCh)
}

// HasSynced reports whether the first list has completed.
func (i *Informer) HasSynced() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.synced
}

// Sync lists the resource once and delivers add, update and delete events
// for the difference with the indexer.
func (i *Informer) Sync() error {
	objs, err := i.list()
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, obj := range objs {
		key, err := MetaNamespaceKeyFunc(obj)
		if err != nil {
			return err
		}
		seen[key] = true
		old, exists, _ := i.indexer.GetByKey(key)
		_ = i.indexer.Add(obj)
		switch {
		case !exists:
			i.handler.OnAdd(obj)
		case !reflect.DeepEqual(old, obj):
			i.handler.OnUpdate(old, obj)
		}
	}
	for _, key := range i.indexer.ListKeys() {
		if seen[key] {
			continue
		}
		old, _, _ := i.indexer.GetByKey(key)
		_ = i.indexer.Delete(ExplicitKey(key))
		i.handler.OnDelete(old)
	}
	i.mu.Lock()
	i.synced = true
	i.mu.Unlock()
	return nil
}

// WaitForCacheSync waits for all informers to sync or for stopCh to close.
func WaitForCacheSync(stopCh <-chan struct{}, informers ...*Informer) bool {
	for {
		all := true
		for _, inf := range informers {
			if !inf.HasSynced() {
				all = false
				break
			}
		}
		if all {
			return true
		}
		select {
		case <-stopCh:
			return false
		case <-time.After(50 * time.Millisecond):
		}
	}
}
