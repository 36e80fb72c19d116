package pod_test

import (
	"testing"

	"k8s.io/kubernetes/pkg/api/pod"
	"k8s.io/kubernetes/pkg/apis/core"
)

func TestVisitContainersOrderAndStop(t *testing.T) {
	spec := &core.PodSpec{
		InitContainers: []core.Container{{Name: "init"}},
		Containers:     []core.Container{{Name: "a"}, {Name: "b"}},
	}
	var seen []string
	complete := pod.VisitContainers(spec, func(c *core.Container, path string) bool {
		seen = append(seen, path+"/"+c.Name)
		return c.Name != "a"
	})
	if complete {
		t.Error("expected the walk to stop early")
	}
	if len(seen) != 2 || seen[0] != "spec.initContainers/init" || seen[1] != "spec.containers/a" {
		t.Errorf("unexpected visit order %v", seen)
	}
}

func TestIsPodReady(t *testing.T) {
	p := &core.Pod{Status: core.PodStatus{Conditions: []core.PodCondition{{Type: core.PodReady, Status: core.ConditionTrue}}}}
	if !pod.IsPodReady(p) {
		t.Error("expected pod to be ready")
	}
	p.Status.Conditions[0].Status = core.ConditionFalse
	if pod.IsPodReady(p) {
		t.Error("expected pod not to be ready")
	}
}
