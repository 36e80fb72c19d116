// Package controller contains the utilities shared by the controllers of
// the kube-controller-manager: expectations, pod control and template hashing.
package controller

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	hashutil "k8s.io/kubernetes/pkg/util/hash"
)

// ExpectationsTimeout is how long expectations are honoured before a
// controller resyncs regardless.
const ExpectationsTimeout = 5 * time.Minute

// KeyFunc is the key function used by all controllers.
var KeyFunc = cache.MetaNamespaceKeyFunc

// ControlleeExpectations track creations and deletions a controller has
// issued but not yet observed.
type ControlleeExpectations struct {
	add       int64
	del       int64
	timestamp time.Time
}

// Fulfilled returns true if this expectation has been fulfilled.
func (e *ControlleeExpectations) Fulfilled() bool {
	return e.add <= 0 && e.del <= 0
}

func (e *ControlleeExpectations) isExpired() bool {
	return time.Since(e.timestamp) > ExpectationsTimeout
}

// ControllerExpectations is a cache of expectations keyed by controller.
type ControllerExpectations struct {
	mu    sync.Mutex
	items map[string]*ControlleeExpectations
}

// NewControllerExpectations returns a store for ControllerExpectations.
func NewControllerExpectations() *ControllerExpectations {
	return &ControllerExpectations{items: map[string]*ControlleeExpectations{}}
}

// SatisfiedExpectations returns true if the required adds/dels for the
// given controller have been observed, or the expectations expired.
func (r *ControllerExpectations) SatisfiedExpectations(controllerKey string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	exp, ok := r.items[controllerKey]
	return !ok || exp.Fulfilled() || exp.isExpired()
}

// SetExpectations registers new expectations for the given controller.
func (r *ControllerExpectations) SetExpectations(controllerKey string, add, del int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items[controllerKey] = &ControlleeExpectations{add: int64(add), del: int64(del), timestamp: time.Now()}
}

// CreationObserved atomically decrements the `add` expectation count.
func (r *ControllerExpectations) CreationObserved(controllerKey string) {
	r.lower(controllerKey, 1, 0)
}

// DeletionObserved atomically decrements the `del` expectation count.
func (r *ControllerExpectations) DeletionObserved(controllerKey string) {
	r.lower(controllerKey, 0, 1)
}

func (r *ControllerExpectations) lower(controllerKey string, add, del int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if exp, ok := r.items[controllerKey]; ok {
		exp.add -= add
		exp.del -= del
	}
}

// DeleteExpectations deletes the expectations of the given controller.
func (r *ControllerExpectations) DeleteExpectations(controllerKey string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.items, controllerKey)
}

// PodControlInterface is an interface that knows how to add or delete pods.
type PodControlInterface interface {
	CreatePods(ctx context.Context, namespace string, template *v1.PodTemplateSpec, controllerObject metav1.Object, controllerRef *metav1.OwnerReference) error
	DeletePod(ctx context.Context, namespace, podID string, object metav1.Object) error
}

// RealPodControl is the default implementation of PodControlInterface.
type RealPodControl struct {
	KubeClient kubernetes.Interface
}

var _ PodControlInterface = &RealPodControl{}

// GetPodFromTemplate builds a pod owned by controllerRef from template.
func GetPodFromTemplate(template *v1.PodTemplateSpec, parentObject metav1.Object, controllerRef *metav1.OwnerReference) (*v1.Pod, error) {
	desiredLabels := map[string]string{}
	for k, v := range template.Labels {
		desiredLabels[k] = v
	}
	prefix := parentObject.GetName() + "-"
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Labels:       desiredLabels,
			GenerateName: prefix,
			Namespace:    parentObject.GetNamespace(),
		},
		Spec: template.Spec,
	}
	if controllerRef != nil {
		pod.OwnerReferences = append(pod.OwnerReferences, *controllerRef)
	}
	return pod, nil
}

// CreatePods creates a pod from template owned by controllerObject.
func (r RealPodControl) CreatePods(ctx context.Context, namespace string, template *v1.PodTemplateSpec, controllerObject metav1.Object, controllerRef *metav1.OwnerReference) error {
	pod, err := GetPodFromTemplate(template, controllerObject, controllerRef)
	if err != nil {
		return err
	}
	if len(pod.Labels) == 0 {
		return fmt.Errorf("unable to create pods, no labels")
	}
	if pod.Name == "" {
		pod.Name = pod.GenerateName + hashutil.ShortHash(time.Now().UnixNano())
	}
	_, err = r.KubeClient.CoreV1().Pods(namespace).Create(ctx, pod, metav1.CreateOptions{})
	return err
}

// DeletePod deletes the named pod.
func (r RealPodControl) DeletePod(ctx context.Context, namespace, podID string, _ metav1.Object) error {
	return r.KubeClient.CoreV1().Pods(namespace).Delete(ctx, podID, metav1.DeleteOptions{})
}

// IsPodActive reports whether a pod is neither terminal nor being deleted.
func IsPodActive(p *v1.Pod) bool {
	return !podutil.IsPodTerminal(p) && p.DeletionTimestamp == nil
}

// FilterActivePods returns pods that have not terminated.
func FilterActivePods(pods []*v1.Pod) []*v1.Pod {
	var result []*v1.Pod
	for _, p := range pods {
		if IsPodActive(p) {
			result = append(result, p)
		}
	}
	return result
}

// ActivePods sorts pods so that the first ones are the best to delete:
// unassigned before assigned, pending before running, not ready before
// ready, and newer before older.
type ActivePods []*v1.Pod

func (s ActivePods) Len() int      { return len(s) }
func (s ActivePods) Swap(i, j int) { s[i], s[j] = s[j], s[i] }

func (s ActivePods) Less(i, j int) bool {
	if (s[i].Spec.NodeName == "") != (s[j].Spec.NodeName == "") {
		return s[i].Spec.NodeName == ""
	}
	m := map[v1.PodPhase]int{v1.PodPending: 0, v1.PodUnknown: 1, v1.PodRunning: 2}
	if m[s[i].Status.Phase] != m[s[j].Status.Phase] {
		return m[s[i].Status.Phase] < m[s[j].Status.Phase]
	}
	if podutil.IsPodReady(s[i]) != podutil.IsPodReady(s[j]) {
		return !podutil.IsPodReady(s[i])
	}
	return s[j].CreationTimestamp.Before(&s[i].CreationTimestamp)
}

// SortPodsForDeletion orders pods by deletion preference.
func SortPodsForDeletion(pods []*v1.Pod) {
	sort.Sort(ActivePods(pods))
}

// ComputeHash returns a hash value calculated from pod template and a
// collisionCount to avoid hash collision.
func ComputeHash(template *v1.PodTemplateSpec, collisionCount *int32) string {
	if collisionCount == nil {
		return hashutil.ShortHash(template)
	}
	return hashutil.ShortHash(struct {
		Template       *v1.PodTemplateSpec
		CollisionCount int32
	}{template, *collisionCount})
}

// IsControlledBy reports whether obj's controller reference points at owner.
func IsControlledBy(obj metav1.Object, owner metav1.Object) bool {
	ref := metav1.GetControllerOf(obj)
	return ref != nil && ref.UID == owner.GetUID()
}

// ReplicaSetsByCreationTimestamp sorts a list of ReplicaSet by creation timestamp, using their names as a tie breaker.
type ReplicaSetsByCreationTimestamp []*appsv1.ReplicaSet

func (o ReplicaSetsByCreationTimestamp) Len() int      { return len(o) }
func (o ReplicaSetsByCreationTimestamp) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o ReplicaSetsByCreationTimestamp) Less(i, j int) bool {
	if o[i].CreationTimestamp.Equal(o[j].CreationTimestamp.Time) {
		return o[i].Name < o[j].Name
	}
	return o[i].CreationTimestamp.Before(&o[j].CreationTimestamp)
}
