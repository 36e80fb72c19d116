// Package cm is the kubelet's container manager: it computes node
// allocatable resources, classifies pods into QoS classes and names the
// cgroups pods run in.
package cm

import (
	"fmt"
	"path"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"k8s.io/kubernetes/pkg/features"
)

// Supported cgroup drivers.
const (
	CgroupDriverSystemd  = "systemd"
	CgroupDriverCgroupfs = "cgroupfs"
)

// defaultNodeAllocatableCgroupName is the top level cgroup of all pods.
const defaultNodeAllocatableCgroupName = "kubepods"

// NodeConfig holds the settings of the container manager.
type NodeConfig struct {
	CgroupDriver   string
	CgroupRoot     string
	SystemReserved v1.ResourceList
	KubeReserved   v1.ResourceList
	// HardEvictionMemory is subtracted from allocatable memory so that
	// eviction happens before the node runs out of memory.
	HardEvictionMemory resource.Quantity
	// MemoryThrottlingFactor scales memory.high between request and limit.
	MemoryThrottlingFactor float64
}

// ContainerManager manages the node level resources of the kubelet.
type ContainerManager struct {
	config   NodeConfig
	capacity v1.ResourceList
}

// NewContainerManager validates nodeConfig and returns a manager for a
// node with the given capacity.
func NewContainerManager(nodeConfig NodeConfig, capacity v1.ResourceList) (*ContainerManager, error) {
	switch nodeConfig.CgroupDriver {
	case CgroupDriverSystemd, CgroupDriverCgroupfs:
	default:
		return nil, fmt.Errorf("invalid cgroup driver %q, expected %q or %q", nodeConfig.CgroupDriver, CgroupDriverSystemd, CgroupDriverCgroupfs)
	}
	if nodeConfig.CgroupRoot == "" {
		nodeConfig.CgroupRoot = "/"
	}
	if nodeConfig.MemoryThrottlingFactor == 0 {
		nodeConfig.MemoryThrottlingFactor = 0.9
	}
	return &ContainerManager{config: nodeConfig, capacity: capacity}, nil
}

// GetCapacity returns the node capacity.
func (cm *ContainerManager) GetCapacity() v1.ResourceList { return cm.capacity }

// GetNodeAllocatableReservation returns the amount of compute resources
// that have to be reserved on this node from scheduling.
func (cm *ContainerManager) GetNodeAllocatableReservation() v1.ResourceList {
	result := v1.ResourceList{}
	for name := range cm.capacity {
		value := resource.Quantity{Format: cm.capacity[name].Format}
		if q, ok := cm.config.SystemReserved[name]; ok {
			value.Add(q)
		}
		if q, ok := cm.config.KubeReserved[name]; ok {
			value.Add(q)
		}
		if name == v1.ResourceMemory {
			value.Add(cm.config.HardEvictionMemory)
		}
		if !value.IsZero() {
			result[name] = value
		}
	}
	return result
}

// GetNodeAllocatable returns capacity minus reservations, floored at zero.
func (cm *ContainerManager) GetNodeAllocatable() v1.ResourceList {
	reservation := cm.GetNodeAllocatableReservation()
	result := v1.ResourceList{}
	for name, capacity := range cm.capacity {
		value := capacity
		if reserved, ok := reservation[name]; ok {
			value.Sub(reserved)
		}
		if value.Sign() < 0 {
			value = resource.Quantity{Format: capacity.Format}
		}
		result[name] = value
	}
	return result
}

// GetPodQOS returns the QoS class of a pod: Guaranteed when every
// container sets equal cpu and memory requests and limits, BestEffort when
// no container sets any, Burstable otherwise.
func GetPodQOS(pod *v1.Pod) v1.PodQOSClass {
	requests, limits := v1.ResourceList{}, v1.ResourceList{}
	isGuaranteed := true
	for _, container := range append(append([]v1.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...) {
		for _, name := range []v1.ResourceName{v1.ResourceCPU, v1.ResourceMemory} {
			req, hasReq := container.Resources.Requests[name]
			lim, hasLim := container.Resources.Limits[name]
			if hasReq && !req.IsZero() {
				sum := requests[name]
				sum.Add(req)
				requests[name] = sum
			}
			if hasLim && !lim.IsZero() {
				sum := limits[name]
				sum.Add(lim)
				limits[name] = sum
			} else {
				isGuaranteed = false
			}
			if hasReq && hasLim && req.Cmp(lim) != 0 {
				isGuaranteed = false
			}
		}
	}
	if len(requests) == 0 && len(limits) == 0 {
		return v1.PodQOSBestEffort
	}
	if isGuaranteed {
		return v1.PodQOSGuaranteed
	}
	return v1.PodQOSBurstable
}

// CgroupName is the abstract name of a cgroup, one element per level.
type CgroupName []string

// ToCgroupfs renders the name as a cgroupfs path.
func (name CgroupName) ToCgroupfs() string {
	return "/" + path.Join(name...)
}

// ToSystemd renders the name as a systemd slice path, e.g.
// ["kubepods","burstable"] -> /kubepods.slice/kubepods-burstable.slice.
func (name CgroupName) ToSystemd() string {
	if len(name) == 0 {
		return "/"
	}
	result := ""
	accumulator := ""
	for _, part := range name {
		part = strings.ReplaceAll(part, "-", "_")
		if accumulator != "" {
			accumulator += "-"
		}
		accumulator += part
		result += "/" + accumulator + ".slice"
	}
	return result
}

// PodCgroupName returns the cgroup of a pod for this manager's driver.
func (cm *ContainerManager) PodCgroupName(pod *v1.Pod) string {
	name := CgroupName{defaultNodeAllocatableCgroupName}
	switch qos := GetPodQOS(pod); qos {
	case v1.PodQOSBurstable:
		name = append(name, "burstable")
	case v1.PodQOSBestEffort:
		name = append(name, "besteffort")
	}
	name = append(name, "pod"+string(pod.UID))
	if cm.config.CgroupDriver == CgroupDriverSystemd {
		return path.Join(cm.config.CgroupRoot, name.ToSystemd())
	}
	return path.Join(cm.config.CgroupRoot, name.ToCgroupfs())
}

// pageSize is the granularity of memory.high.
const pageSize = 4096

// MemoryHigh returns the memory.high value of a container when MemoryQoS
// is enabled: request + throttlingFactor*(limit-request), rounded down to
// a page. The second result is false when no throttling applies.
func (cm *ContainerManager) MemoryHigh(container *v1.Container, nodeAllocatableMemory int64) (int64, bool) {
	if !features.DefaultFeatureGate.Enabled(features.MemoryQoS) {
		return 0, false
	}
	req := container.Resources.Requests.Memory().Value()
	limit := nodeAllocatableMemory
	if l, ok := container.Resources.Limits[v1.ResourceMemory]; ok {
		limit = l.Value()
		if limit == req {
			// Guaranteed memory: no throttling below the hard limit.
			return 0, false
		}
	}
	high := req + int64(cm.config.MemoryThrottlingFactor*float64(limit-req))
	return high / pageSize * pageSize, true
}
