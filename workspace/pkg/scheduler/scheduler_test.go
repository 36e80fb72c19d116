package scheduler

import (
	"bytes"
	"context"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type recordingBinder map[string]string

func (b recordingBinder) Bind(_ context.Context, pod *v1.Pod, node string) error {
	b[pod.Name] = node
	return nil
}

func node(name, cpu string, taints ...v1.Taint) *v1.Node {
	return &v1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       v1.NodeSpec{Taints: taints},
		Status: v1.NodeStatus{Allocatable: v1.ResourceList{
			v1.ResourceCPU:    resource.MustParse(cpu),
			v1.ResourceMemory: resource.MustParse("4Gi"),
			v1.ResourcePods:   resource.MustParse("110"),
		}},
	}
}

func pod(name, cpu string) *v1.Pod {
	return &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: v1.PodSpec{Containers: []v1.Container{{Name: "c", Resources: v1.ResourceRequirements{
			Requests: v1.ResourceList{v1.ResourceCPU: resource.MustParse(cpu)},
		}}}},
	}
}

func TestScheduleOnePrefersLeastAllocatedAndHonoursTaints(t *testing.T) {
	binder := recordingBinder{}
	sched := New(binder)
	sched.AddNode(node("small", "1"))
	sched.AddNode(node("big", "8"))
	sched.AddNode(node("tainted", "64", v1.Taint{Key: "dedicated", Value: "gpu", Effect: v1.TaintEffectNoSchedule}))

	_ = sched.AddPod(pod("a", "500m"))
	_ = sched.AddPod(pod("huge", "16"))
	ctx := context.Background()
	if got, err := sched.ScheduleOne(ctx); err != nil || got != "big" {
		t.Fatalf("pod a -> %q, %v", got, err)
	}
	_, err := sched.ScheduleOne(ctx)
	if err == nil || !strings.Contains(err.Error(), "0/3 nodes are available") || !strings.Contains(err.Error(), "Insufficient cpu") {
		t.Fatalf("expected fit error, got %v", err)
	}
	if _, unschedulable := sched.Queue.Len(); unschedulable != 1 {
		t.Errorf("expected the huge pod to wait in the unschedulable pool")
	}
	if binder["a"] != "big" {
		t.Errorf("binding not recorded: %v", binder)
	}
}

func TestRunSnapshot(t *testing.T) {
	snap := `{"nodes":[{"metadata":{"name":"n1"},"status":{"allocatable":{"cpu":"2","memory":"1Gi"}}}],
	"pods":[{"metadata":{"name":"p1","namespace":"ns"},"spec":{"containers":[{"name":"c"}]}},
	        {"metadata":{"name":"p2","namespace":"ns"},"spec":{"schedulerName":"other","containers":[{"name":"c"}]}}]}`
	var out bytes.Buffer
	if err := RunSnapshot(&Options{SchedulerName: v1.DefaultSchedulerName}, []byte(snap), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != "ns/p1 -> n1\n" {
		t.Errorf("output = %q", out.String())
	}
}
