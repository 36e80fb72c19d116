package eviction

import (
	"testing"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func TestParseThresholdConfig(t *testing.T) {
	ts, err := ParseThresholdConfig("memory.available<100Mi, nodefs.available<10%")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].String() != "memory.available<100Mi" || ts[1].String() != "nodefs.available<10%" {
		t.Errorf("unexpected thresholds %v", ts)
	}
	for _, bad := range []string{"memory.available>1Gi", "cpu.available<1", "memory.available<1Gi,memory.available<2Gi", "nodefs.available<120%"} {
		if _, err := ParseThresholdConfig(bad); err == nil {
			t.Errorf("expected error for %q", bad)
		}
	}
}

func TestSynchronizeEvictsWorstOffender(t *testing.T) {
	thresholds, _ := ParseThresholdConfig("memory.available<1Gi")
	m := NewManager(thresholds)
	mkPod := func(uid string, request string, priority int32, static bool) *v1.Pod {
		p := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: uid, UID: types.UID(uid)}, Spec: v1.PodSpec{Priority: &priority}}
		if request != "" {
			p.Spec.Containers = []v1.Container{{Resources: v1.ResourceRequirements{Requests: v1.ResourceList{v1.ResourceMemory: resource.MustParse(request)}}}}
		}
		if static {
			p.Annotations = map[string]string{"kubernetes.io/config.source": "file"}
		}
		return p
	}
	pods := []*v1.Pod{
		mkPod("within-request", "2Gi", 0, false),
		mkPod("over-request", "100Mi", 1000, false),
		mkPod("best-effort", "", 1000, false),
		mkPod("static", "", 0, true),
	}
	stats := Stats{
		Node: map[Signal]SignalObservation{SignalMemoryAvailable: {Available: resource.MustParse("512Mi"), Capacity: resource.MustParse("8Gi")}},
		Pods: map[types.UID]PodStats{
			"within-request": {MemoryWorkingSet: resource.MustParse("1Gi")},
			"over-request":   {MemoryWorkingSet: resource.MustParse("300Mi")},
			"best-effort":    {MemoryWorkingSet: resource.MustParse("200Mi")},
			"static":         {MemoryWorkingSet: resource.MustParse("4Gi")},
		},
	}
	victim := m.Synchronize(stats, pods)
	if victim == nil || victim.Name != "best-effort" {
		t.Fatalf("victim = %v", victim)
	}
	if !m.IsUnderMemoryPressure() {
		t.Error("expected memory pressure")
	}
	stats.Node[SignalMemoryAvailable] = SignalObservation{Available: resource.MustParse("4Gi"), Capacity: resource.MustParse("8Gi")}
	if victim := m.Synchronize(stats, pods); victim != nil || m.IsUnderMemoryPressure() {
		t.Errorf("no eviction expected, got %v", victim)
	}
}
