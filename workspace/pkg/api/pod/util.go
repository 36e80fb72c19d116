// Package pod contains helpers for internal core pods, including the
// dropping of fields guarded by disabled feature gates.
package pod

import (
	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/features"
)

// ContainerVisitor is called with each container and its field path; it
// returns false to stop the walk.
type ContainerVisitor func(container *core.Container, path string) bool

// VisitContainers invokes visitor for every init and regular container of spec.
func VisitContainers(spec *core.PodSpec, visitor ContainerVisitor) bool {
	for i := range spec.InitContainers {
		if !visitor(&spec.InitContainers[i], "spec.initContainers") {
			return false
		}
	}
	for i := range spec.Containers {
		if !visitor(&spec.Containers[i], "spec.containers") {
			return false
		}
	}
	return true
}

// GetPodCondition extracts the provided condition from the given status.
func GetPodCondition(status *core.PodStatus, conditionType core.PodConditionType) (int, *core.PodCondition) {
	if status == nil {
		return -1, nil
	}
	for i := range status.Conditions {
		if status.Conditions[i].Type == conditionType {
			return i, &status.Conditions[i]
		}
	}
	return -1, nil
}

// IsPodReady returns true if a pod is ready.
func IsPodReady(pod *core.Pod) bool {
	_, c := GetPodCondition(&pod.Status, core.PodReady)
	return c != nil && c.Status == core.ConditionTrue
}

// IsPodTerminal returns true if the pod reached a final phase.
func IsPodTerminal(pod *core.Pod) bool {
	return pod.Status.Phase == core.PodSucceeded || pod.Status.Phase == core.PodFailed
}

// DropDisabledPodFields removes disabled fields from the pod spec. It
// should be called on pods before they are persisted; oldPod is nil on create.
func DropDisabledPodFields(pod, oldPod *core.Pod) {
	if !features.DefaultFeatureGate.Enabled(features.LocalStorageCapacityIsolation) && !usesEphemeralStorage(oldPod) {
		VisitContainers(&pod.Spec, func(c *core.Container, _ string) bool {
			delete(c.Resources.Requests, core.ResourceEphemeralStorage)
			delete(c.Resources.Limits, core.ResourceEphemeralStorage)
			return true
		})
	}
}

func usesEphemeralStorage(pod *core.Pod) bool {
	if pod == nil {
		return false
	}
	uses := false
	VisitContainers(&pod.Spec, func(c *core.Container, _ string) bool {
		_, req := c.Resources.Requests[core.ResourceEphemeralStorage]
		_, lim := c.Resources.Limits[core.ResourceEphemeralStorage]
		uses = req || lim
		return !uses
	})
	return uses
}
