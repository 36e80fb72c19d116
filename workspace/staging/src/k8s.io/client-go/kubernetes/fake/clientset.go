// Package fake provides an in-memory clientset for tests.
package fake

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// Action records one call made against the fake.
type Action struct {
	Verb        string
	Resource    string
	Namespace   string
	Name        string
	Subresource string
}

// Clientset is a kubernetes.Interface backed by an in-memory object tracker.
type Clientset struct {
	*kubernetes.Clientset
	tracker *tracker
}

// NewSimpleClientset returns a clientset that will respond with the
// provided objects.
func NewSimpleClientset(objects ...runtime.Object) *Clientset {
	t := &tracker{objects: map[schema.GroupVersionResource]map[string][]byte{}}
	for _, obj := range objects {
		gvr, err := resourceFor(obj)
		if err != nil {
			panic(err)
		}
		accessor := obj.(metav1.Object)
		if err := t.Create(context.Background(), gvr, accessor.GetNamespace(), obj, nil); err != nil {
			panic(err)
		}
	}
	t.actions = nil
	return &Clientset{Clientset: kubernetes.New(t), tracker: t}
}

// Actions returns the calls made so far, in order.
func (c *Clientset) Actions() []Action {
	c.tracker.mu.Lock()
	defer c.tracker.mu.Unlock()
	return append([]Action(nil), c.tracker.actions...)
}

// ClearActions forgets the recorded calls.
func (c *Clientset) ClearActions() {
	c.tracker.mu.Lock()
	defer c.tracker.mu.Unlock()
	c.tracker.actions = nil
}

func resourceFor(obj runtime.Object) (schema.GroupVersionResource, error) {
	switch obj.(type) {
	case *corev1.Pod:
		return corev1.SchemeGroupVersion.WithResource("pods"), nil
	case *corev1.Node:
		return corev1.SchemeGroupVersion.WithResource("nodes"), nil
	case *corev1.Service:
		return corev1.SchemeGroupVersion.WithResource("services"), nil
	case *corev1.Endpoints:
		return corev1.SchemeGroupVersion.WithResource("endpoints"), nil
	case *appsv1.Deployment:
		return appsv1.SchemeGroupVersion.WithResource("deployments"), nil
	case *appsv1.ReplicaSet:
		return appsv1.SchemeGroupVersion.WithResource("replicasets"), nil
	}
	return schema.GroupVersionResource{}, fmt.Errorf("unsupported object type %T", obj)
}

type tracker struct {
	mu       sync.Mutex
	objects  map[schema.GroupVersionResource]map[string][]byte
	actions  []Action
	revision int
}

var _ rest.Interface = &tracker{}

func key(namespace, name string) string { return namespace + "/" + name }

func (t *tracker) record(a Action) { t.actions = append(t.actions, a) }

func (t *tracker) Get(_ context.Context, gvr schema.GroupVersionResource, namespace, name string, into runtime.Object) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.record(Action{Verb: "get", Resource: gvr.Resource, Namespace: namespace, Name: name})
	data, ok := t.objects[gvr][key(namespace, name)]
	if !ok {
		return apierrors.NewNotFound(schema.GroupResource{Group: gvr.Group, Resource: gvr.Resource}, name)
	}
	return json.Unmarshal(data, into)
}

func (t *tracker) List(_ context.Context, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions, into runtime.Object) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.record(Action{Verb: "list", Resource: gvr.Resource, Namespace: namespace})
	selector, err := labels.Parse(opts.LabelSelector)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(t.objects[gvr]))
	for k := range t.objects[gvr] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	items := []json.RawMessage{}
	for _, k := range keys {
		data := t.objects[gvr][k]
		var meta struct {
			Metadata metav1.ObjectMeta `json:"metadata"`
		}
		if err := json.Unmarshal(data, &meta); err != nil {
			return err
		}
		if namespace != "" && meta.Metadata.Namespace != namespace {
			continue
		}
		if !selector.Matches(labels.Set(meta.Metadata.Labels)) {
			continue
		}
		items = append(items, data)
	}
	list, err := json.Marshal(map[string]any{
		"metadata": map[string]string{"resourceVersion": strconv.Itoa(t.revision)},
		"items":    items,
	})
	if err != nil {
		return err
	}
	return json.Unmarshal(list, into)
}

func (t *tracker) store(gvr schema.GroupVersionResource, namespace string, obj, into runtime.Object, mustExist bool) error {
	accessor, ok := obj.(metav1.Object)
	if !ok {
		return fmt.Errorf("object %T has no metadata", obj)
	}
	if namespace != "" && accessor.GetNamespace() == "" {
		accessor.SetNamespace(namespace)
	}
	k := key(accessor.GetNamespace(), accessor.GetName())
	gr := schema.GroupResource{Group: gvr.Group, Resource: gvr.Resource}
	if t.objects[gvr] == nil {
		t.objects[gvr] = map[string][]byte{}
	}
	_, exists := t.objects[gvr][k]
	switch {
	case mustExist && !exists:
		return apierrors.NewNotFound(gr, accessor.GetName())
	case !mustExist && exists:
		return apierrors.NewAlreadyExists(gr, accessor.GetName())
	}
	t.revision++
	accessor.SetResourceVersion(strconv.Itoa(t.revision))
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	t.objects[gvr][k] = data
	if into == nil {
		return nil
	}
	return json.Unmarshal(data, into)
}

func (t *tracker) Create(_ context.Context, gvr schema.GroupVersionResource, namespace string, obj, into runtime.Object) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	name := ""
	if accessor, ok := obj.(metav1.Object); ok {
		name = accessor.GetName()
	}
	t.record(Action{Verb: "create", Resource: gvr.Resource, Namespace: namespace, Name: name})
	return t.store(gvr, namespace, obj, into, false)
}

func (t *tracker) Update(_ context.Context, gvr schema.GroupVersionResource, namespace, subresource string, obj, into runtime.Object) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	name := ""
	if accessor, ok := obj.(metav1.Object); ok {
		name = accessor.GetName()
	}
	t.record(Action{Verb: "update", Resource: gvr.Resource, Namespace: namespace, Name: name, Subresource: subresource})
	return t.store(gvr, namespace, obj, into, true)
}

func (t *tracker) Delete(_ context.Context, gvr schema.GroupVersionResource, namespace, name string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.record(Action{Verb: "delete", Resource: gvr.Resource, Namespace: namespace, Name: name})
	k := key(namespace, name)
	if _, ok := t.objects[gvr][k]; !ok {
		return apierrors.NewNotFound(schema.GroupResource{Group: gvr.Group, Resource: gvr.Resource}, name)
	}
	delete(t.objects[gvr], k)
	t.revision++
	return nil
}
