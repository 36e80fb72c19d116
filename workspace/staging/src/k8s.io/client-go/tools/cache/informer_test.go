package cache

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestInformerSyncEvents(t *testing.T) {
	current := []metav1.Object{
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "a"}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "b"}},
	}
	var adds, updates, deletes int
	store, inf := NewInformer(func() ([]metav1.Object, error) { return current, nil }, ResourceEventHandlerFuncs{
		AddFunc:    func(interface{}) { adds++ },
		UpdateFunc: func(interface{}, interface{}) { updates++ },
		DeleteFunc: func(interface{}) { deletes++ },
	})
	if err := inf.Sync(); err != nil {
		t.Fatal(err)
	}
	current = []metav1.Object{
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "a", Labels: map[string]string{"x": "y"}}},
	}
	if err := inf.Sync(); err != nil {
		t.Fatal(err)
	}
	if adds != 2 || updates != 1 || deletes != 1 {
		t.Errorf("adds=%d updates=%d deletes=%d", adds, updates, deletes)
	}
	if keys := store.ListKeys(); len(keys) != 1 || keys[0] != "ns/a" {
		t.Errorf("unexpected keys %v", keys)
	}
}
