// Package pod tracks the pods bound to this node and the mirror pods the
// kubelet creates in the API server for its static pods.
package pod

import (
	"sync"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
)

// Annotations the kubelet sets on the pods it manages.
const (
	ConfigSourceAnnotationKey = "kubernetes.io/config.source"
	ConfigMirrorAnnotationKey = "kubernetes.io/config.mirror"
	ConfigHashAnnotationKey   = "kubernetes.io/config.hash"

	// ApiserverSource identifies updates from the API server.
	ApiserverSource = "api"
)

// GetPodFullName returns a name that uniquely identifies a pod on the node.
func GetPodFullName(pod *v1.Pod) string {
	// Use underscore as the delimiter because it is not allowed in pod name
	// (DNS subdomain format), while allowed in the container name format.
	return pod.Name + "_" + pod.Namespace
}

// IsStaticPod returns true if the pod is a static pod.
func IsStaticPod(pod *v1.Pod) bool {
	source := pod.Annotations[ConfigSourceAnnotationKey]
	return source != "" && source != ApiserverSource
}

// IsMirrorPod returns true if the passed Pod is a Mirror Pod.
func IsMirrorPod(pod *v1.Pod) bool {
	_, ok := pod.Annotations[ConfigMirrorAnnotationKey]
	return ok
}

// Manager stores and manages access to pods, maintaining the mappings
// between static pods and mirror pods.
type Manager interface {
	GetPods() []*v1.Pod
	GetPodByFullName(podFullName string) (*v1.Pod, bool)
	GetPodByUID(uid types.UID) (*v1.Pod, bool)
	GetMirrorPodByPod(pod *v1.Pod) (*v1.Pod, bool)
	SetPods(pods []*v1.Pod)
	AddPod(pod *v1.Pod)
	UpdatePod(pod *v1.Pod)
	RemovePod(pod *v1.Pod)
}

type basicManager struct {
	lock sync.RWMutex

	podByUID             map[types.UID]*v1.Pod
	mirrorPodByUID       map[types.UID]*v1.Pod
	podByFullName        map[string]*v1.Pod
	mirrorPodByFullName  map[string]*v1.Pod
	translationByMirrUID map[types.UID]types.UID
}

// NewBasicPodManager returns a functional Manager.
func NewBasicPodManager() Manager {
	pm := &basicManager{}
	pm.SetPods(nil)
	return pm
}

// SetPods replaces the internal pods with the new pods.
func (pm *basicManager) SetPods(newPods []*v1.Pod) {
	pm.lock.Lock()
	defer pm.lock.Unlock()
	pm.podByUID = map[types.UID]*v1.Pod{}
	pm.podByFullName = map[string]*v1.Pod{}
	pm.mirrorPodByUID = map[types.UID]*v1.Pod{}
	pm.mirrorPodByFullName = map[string]*v1.Pod{}
	pm.translationByMirrUID = map[types.UID]types.UID{}
	for _, pod := range newPods {
		pm.updatePodsInternal(pod)
	}
}

func (pm *basicManager) AddPod(pod *v1.Pod) { pm.UpdatePod(pod) }

func (pm *basicManager) UpdatePod(pod *v1.Pod) {
	pm.lock.Lock()
	defer pm.lock.Unlock()
	pm.updatePodsInternal(pod)
}

func (pm *basicManager) updatePodsInternal(pod *v1.Pod) {
	fullName := GetPodFullName(pod)
	if IsMirrorPod(pod) {
		pm.mirrorPodByUID[pod.UID] = pod
		pm.mirrorPodByFullName[fullName] = pod
		if p, ok := pm.podByFullName[fullName]; ok {
			pm.translationByMirrUID[pod.UID] = p.UID
		}
		return
	}
	pm.podByUID[pod.UID] = pod
	pm.podByFullName[fullName] = pod
	if mirror, ok := pm.mirrorPodByFullName[fullName]; ok {
		pm.translationByMirrUID[mirror.UID] = pod.UID
	}
}

func (pm *basicManager) RemovePod(pod *v1.Pod) {
	pm.lock.Lock()
	defer pm.lock.Unlock()
	fullName := GetPodFullName(pod)
	if IsMirrorPod(pod) {
		delete(pm.mirrorPodByUID, pod.UID)
		delete(pm.mirrorPodByFullName, fullName)
		delete(pm.translationByMirrUID, pod.UID)
		return
	}
	delete(pm.podByUID, pod.UID)
	delete(pm.podByFullName, fullName)
}

func (pm *basicManager) GetPods() []*v1.Pod {
	pm.lock.RLock()
	defer pm.lock.RUnlock()
	pods := make([]*v1.Pod, 0, len(pm.podByUID))
	for _, pod := range pm.podByUID {
		pods = append(pods, pod)
	}
	return pods
}

func (pm *basicManager) GetPodByFullName(podFullName string) (*v1.Pod, bool) {
	pm.lock.RLock()
	defer pm.lock.RUnlock()
	pod, ok := pm.podByFullName[podFullName]
	return pod, ok
}

func (pm *basicManager) GetPodByUID(uid types.UID) (*v1.Pod, bool) {
	pm.lock.RLock()
	defer pm.lock.RUnlock()
	pod, ok := pm.podByUID[uid]
	return pod, ok
}

func (pm *basicManager) GetMirrorPodByPod(pod *v1.Pod) (*v1.Pod, bool) {
	pm.lock.RLock()
	defer pm.lock.RUnlock()
	mirror, ok := pm.mirrorPodByFullName[GetPodFullName(pod)]
	return mirror, ok
}
