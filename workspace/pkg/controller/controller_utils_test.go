package controller

import (
	"sort"
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestExpectations(t *testing.T) {
	e := NewControllerExpectations()
	if !e.SatisfiedExpectations("ns/rs") {
		t.Fatal("no expectations should be satisfied")
	}
	e.SetExpectations("ns/rs", 2, 0)
	e.CreationObserved("ns/rs")
	if e.SatisfiedExpectations("ns/rs") {
		t.Fatal("one creation still outstanding")
	}
	e.CreationObserved("ns/rs")
	if !e.SatisfiedExpectations("ns/rs") {
		t.Fatal("expectations should be fulfilled")
	}
}

func TestActivePodsOrder(t *testing.T) {
	now := time.Now()
	mk := func(name, node string, phase v1.PodPhase, age time.Duration) *v1.Pod {
		return &v1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, CreationTimestamp: metav1.NewTime(now.Add(-age))},
			Spec:       v1.PodSpec{NodeName: node},
			Status:     v1.PodStatus{Phase: phase},
		}
	}
	pods := []*v1.Pod{
		mk("running-old", "n1", v1.PodRunning, time.Hour),
		mk("unassigned", "", v1.PodPending, time.Hour),
		mk("running-new", "n1", v1.PodRunning, time.Minute),
		mk("pending", "n1", v1.PodPending, time.Hour),
	}
	sort.Sort(ActivePods(pods))
	var names []string
	for _, p := range pods {
		names = append(names, p.Name)
	}
	want := []string{"unassigned", "pending", "running-new", "running-old"}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("order = %v, want %v", names, want)
		}
	}
}

func TestComputeHashChangesWithCollisionCount(t *testing.T) {
	tmpl := &v1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}}}
	one := int32(1)
	if ComputeHash(tmpl, nil) == ComputeHash(tmpl, &one) {
		t.Error("collision count should change the hash")
	}
	if ComputeHash(tmpl, nil) != ComputeHash(&v1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}}}, nil) {
		t.Error("equal templates should hash equally")
	}
}
