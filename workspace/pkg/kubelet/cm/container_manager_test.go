package cm

import (
	"testing"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestNodeAllocatable(t *testing.T) {
	cm, err := NewContainerManager(NodeConfig{
		CgroupDriver:       CgroupDriverSystemd,
		SystemReserved:     v1.ResourceList{v1.ResourceCPU: resource.MustParse("500m"), v1.ResourceMemory: resource.MustParse("512Mi")},
		KubeReserved:       v1.ResourceList{v1.ResourceMemory: resource.MustParse("256Mi")},
		HardEvictionMemory: resource.MustParse("256Mi"),
	}, v1.ResourceList{v1.ResourceCPU: resource.MustParse("4"), v1.ResourceMemory: resource.MustParse("8Gi")})
	if err != nil {
		t.Fatal(err)
	}
	alloc := cm.GetNodeAllocatable()
	if got := alloc.Cpu().String(); got != "3500m" {
		t.Errorf("allocatable cpu = %s", got)
	}
	if got := alloc.Memory().String(); got != "7Gi" {
		t.Errorf("allocatable memory = %s", got)
	}
	if _, err := NewContainerManager(NodeConfig{CgroupDriver: "lxc"}, nil); err == nil {
		t.Error("expected invalid driver error")
	}
}

func TestQOSAndCgroups(t *testing.T) {
	res := func(req, lim string) v1.ResourceRequirements {
		r := v1.ResourceRequirements{}
		if req != "" {
			r.Requests = v1.ResourceList{v1.ResourceCPU: resource.MustParse(req), v1.ResourceMemory: resource.MustParse(req)}
		}
		if lim != "" {
			r.Limits = v1.ResourceList{v1.ResourceCPU: resource.MustParse(lim), v1.ResourceMemory: resource.MustParse(lim)}
		}
		return r
	}
	mk := func(r v1.ResourceRequirements) *v1.Pod {
		return &v1.Pod{ObjectMeta: metav1.ObjectMeta{UID: "1234"}, Spec: v1.PodSpec{Containers: []v1.Container{{Resources: r}}}}
	}
	for want, pod := range map[v1.PodQOSClass]*v1.Pod{
		v1.PodQOSBestEffort: mk(res("", "")),
		v1.PodQOSBurstable:  mk(res("1", "2")),
		v1.PodQOSGuaranteed: mk(res("1", "1")),
	} {
		if got := GetPodQOS(pod); got != want {
			t.Errorf("GetPodQOS = %s, want %s", got, want)
		}
	}
	systemd, _ := NewContainerManager(NodeConfig{CgroupDriver: CgroupDriverSystemd}, nil)
	if got := systemd.PodCgroupName(mk(res("1", "2"))); got != "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234.slice" {
		t.Errorf("systemd cgroup = %s", got)
	}
	cgroupfs, _ := NewContainerManager(NodeConfig{CgroupDriver: CgroupDriverCgroupfs}, nil)
	if got := cgroupfs.PodCgroupName(mk(res("1", "1"))); got != "/kubepods/pod1234" {
		t.Errorf("cgroupfs cgroup = %s", got)
	}
}
