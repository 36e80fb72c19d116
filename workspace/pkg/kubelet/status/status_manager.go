// Package status keeps the kubelet's view of pod statuses and writes
// changed statuses back to the API server.
package status

import (
	"context"
	"fmt"
	"sort"
	"sync"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"

	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	kubepod "k8s.io/kubernetes/pkg/kubelet/pod"
)

// A wrapper around v1.PodStatus that includes a version to enforce that
// stale pod statuses are not sent to the API server.
type versionedPodStatus struct {
	status v1.PodStatus
	// Monotonically increasing version number (per pod).
	version uint64
	// Pod name & namespace, for sending updates to API server.
	podName      string
	podNamespace string
}

// Manager is the Source of truth for kubelet pod status.
type Manager struct {
	kubeClient kubernetes.Interface
	podManager kubepod.Manager

	mu                sync.Mutex
	podStatuses       map[types.UID]versionedPodStatus
	apiStatusVersions map[types.UID]uint64
}

// NewManager returns a status manager; kubeClient may be nil for a standalone kubelet.
func NewManager(kubeClient kubernetes.Interface, podManager kubepod.Manager) *Manager {
	return &Manager{
		kubeClient:        kubeClient,
		podManager:        podManager,
		podStatuses:       map[types.UID]versionedPodStatus{},
		apiStatusVersions: map[types.UID]uint64{},
	}
}

// GetPodStatus returns the cached status for the provided pod UID.
func (m *Manager) GetPodStatus(uid types.UID) (v1.PodStatus, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.podStatuses[uid]
	return s.status, ok
}

// SetPodStatus caches updates the cached status for the given pod, and
// triggers a status update.
func (m *Manager) SetPodStatus(pod *v1.Pod, status v1.PodStatus) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, found := m.podStatuses[pod.UID]
	if !found {
		old.status = pod.Status
	}
	// Keep the transition times of conditions whose status did not change.
	ready := GeneratePodReadyCondition(&pod.Spec, status.ContainerStatuses, status.Phase)
	status.Conditions = append([]v1.PodCondition(nil), old.status.Conditions...)
	podutil.UpdatePodCondition(&status, &ready)
	if status.StartTime == nil {
		if old.status.StartTime != nil {
			status.StartTime = old.status.StartTime
		} else {
			now := metav1.Now()
			status.StartTime = &now
		}
	}
	m.podStatuses[pod.UID] = versionedPodStatus{
		status:       status,
		version:      old.version + 1,
		podName:      pod.Name,
		podNamespace: pod.Namespace,
	}
}

// GeneratePodReadyCondition returns "Ready" condition of a pod status.
func GeneratePodReadyCondition(spec *v1.PodSpec, containerStatuses []v1.ContainerStatus, podPhase v1.PodPhase) v1.PodCondition {
	if podPhase == v1.PodSucceeded {
		return v1.PodCondition{Type: v1.PodReady, Status: v1.ConditionFalse, Reason: "PodCompleted"}
	}
	statuses := map[string]bool{}
	for _, cs := range containerStatuses {
		statuses[cs.Name] = cs.Ready
	}
	var unready []string
	for _, c := range spec.Containers {
		if ready, ok := statuses[c.Name]; !ok || !ready {
			unready = append(unready, c.Name)
		}
	}
	if len(unready) > 0 {
		sort.Strings(unready)
		return v1.PodCondition{
			Type:    v1.PodReady,
			Status:  v1.ConditionFalse,
			Reason:  "ContainersNotReady",
			Message: fmt.Sprintf("containers with unready status: %v", unready),
		}
	}
	return v1.PodCondition{Type: v1.PodReady, Status: v1.ConditionTrue}
}

// SyncBatch sends every status newer than the one last written to the API
// server. Static pods are reported through their mirror pods.
func (m *Manager) SyncBatch(ctx context.Context) (int, error) {
	if m.kubeClient == nil {
		return 0, nil
	}
	type update struct {
		uid    types.UID
		status versionedPodStatus
	}
	m.mu.Lock()
	var updates []update
	for uid, s := range m.podStatuses {
		if m.apiStatusVersions[uid] < s.version {
			updates = append(updates, update{uid, s})
		}
	}
	m.mu.Unlock()

	synced := 0
	for _, u := range updates {
		name := u.status.podName
		if pod, ok := m.podManager.GetPodByUID(u.uid); ok && kubepod.IsStaticPod(pod) {
			mirror, ok := m.podManager.GetMirrorPodByPod(pod)
			if !ok {
				logs.V(4).Infof("Static pod %s/%s does not have a mirror pod yet", u.status.podNamespace, name)
				continue
			}
			name = mirror.Name
		}
		pods := m.kubeClient.CoreV1().Pods(u.status.podNamespace)
		current, err := pods.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return synced, err
		}
		current.Status = u.status.status
		if _, err := pods.UpdateStatus(ctx, current, metav1.UpdateOptions{}); err != nil {
			return synced, err
		}
		m.mu.Lock()
		m.apiStatusVersions[u.uid] = u.status.version
		m.mu.Unlock()
		synced++
	}
	return synced, nil
}
