// Package replicaset contains logic for watching and synchronizing
// ReplicaSets: it creates and deletes pods until the number of active
// pods matches the desired replica count.
package replicaset

import (
	"context"
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"

	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	"k8s.io/kubernetes/pkg/controller"
)

// BurstReplicas is the maximum number of pods created or deleted in one sync.
const BurstReplicas = 500

// ReplicaSetController is responsible for synchronizing ReplicaSet objects
// stored in the system with actual running pods.
type ReplicaSetController struct {
	kubeClient   kubernetes.Interface
	podControl   controller.PodControlInterface
	expectations *controller.ControllerExpectations
	burst        int
}

// NewReplicaSetController configures a replica set controller.
func NewReplicaSetController(kubeClient kubernetes.Interface, burstReplicas int) *ReplicaSetController {
	return &ReplicaSetController{
		kubeClient:   kubeClient,
		podControl:   controller.RealPodControl{KubeClient: kubeClient},
		expectations: controller.NewControllerExpectations(),
		burst:        burstReplicas,
	}
}

// SyncAll syncs every ReplicaSet in namespace.
func (rsc *ReplicaSetController) SyncAll(ctx context.Context, namespace string) error {
	list, err := rsc.kubeClient.AppsV1().ReplicaSets(namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	var errs []error
	for i := range list.Items {
		key, _ := controller.KeyFunc(&list.Items[i])
		if err := rsc.SyncReplicaSet(ctx, key); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%d replica sets failed to sync: %v", len(errs), errs)
	}
	return nil
}

// SyncReplicaSet will sync the ReplicaSet with the given key if it has had
// its expectations fulfilled.
func (rsc *ReplicaSetController) SyncReplicaSet(ctx context.Context, key string) error {
	nn := types.ParseNamespacedName(key)
	rs, err := rsc.kubeClient.AppsV1().ReplicaSets(nn.Namespace).Get(ctx, nn.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		logs.V(4).Infof("ReplicaSet %v has been deleted", key)
		rsc.expectations.DeleteExpectations(key)
		return nil
	}
	if err != nil {
		return err
	}
	selector, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil {
		return fmt.Errorf("error converting pod selector to selector for rs %v: %v", key, err)
	}
	podList, err := rsc.kubeClient.CoreV1().Pods(rs.Namespace).List(ctx, metav1.ListOptions{LabelSelector: selector.String()})
	if err != nil {
		return err
	}
	var pods []*v1.Pod
	for i := range podList.Items {
		p := &podList.Items[i]
		if ref := metav1.GetControllerOf(p); ref != nil && ref.UID != rs.UID {
			continue
		}
		pods = append(pods, p)
	}
	active := controller.FilterActivePods(pods)
	if rsc.expectations.SatisfiedExpectations(key) {
		if err := rsc.manageReplicas(ctx, active, rs); err != nil {
			return err
		}
	}
	return rsc.updateStatus(ctx, rs, active)
}

func (rsc *ReplicaSetController) manageReplicas(ctx context.Context, active []*v1.Pod, rs *appsv1.ReplicaSet) error {
	key, _ := controller.KeyFunc(rs)
	desired := int32(1)
	if rs.Spec.Replicas != nil {
		desired = *rs.Spec.Replicas
	}
	diff := len(active) - int(desired)
	switch {
	case diff < 0:
		diff = -diff
		if diff > rsc.burst {
			diff = rsc.burst
		}
		rsc.expectations.SetExpectations(key, diff, 0)
		ref := metav1.NewControllerRef(rs, appsv1.SchemeGroupVersion.String(), "ReplicaSet")
		for i := 0; i < diff; i++ {
			if err := rsc.podControl.CreatePods(ctx, rs.Namespace, &rs.Spec.Template, rs, ref); err != nil {
				return err
			}
			rsc.expectations.CreationObserved(key)
		}
	case diff > 0:
		if diff > rsc.burst {
			diff = rsc.burst
		}
		rsc.expectations.SetExpectations(key, 0, diff)
		controller.SortPodsForDeletion(active)
		for _, pod := range active[:diff] {
			if err := rsc.podControl.DeletePod(ctx, rs.Namespace, pod.Name, rs); err != nil && !apierrors.IsNotFound(err) {
				return err
			}
			rsc.expectations.DeletionObserved(key)
		}
	}
	return nil
}

func (rsc *ReplicaSetController) updateStatus(ctx context.Context, rs *appsv1.ReplicaSet, active []*v1.Pod) error {
	newStatus := calculateStatus(rs, active)
	if newStatus == rs.Status {
		return nil
	}
	rs.Status = newStatus
	_, err := rsc.kubeClient.AppsV1().ReplicaSets(rs.Namespace).UpdateStatus(ctx, rs, metav1.UpdateOptions{})
	return err
}

func calculateStatus(rs *appsv1.ReplicaSet, active []*v1.Pod) appsv1.ReplicaSetStatus {
	status := appsv1.ReplicaSetStatus{Replicas: int32(len(active)), ObservedGeneration: rs.Generation}
	now := metav1.Now()
	for _, p := range active {
		if podutil.IsPodReady(p) {
			status.ReadyReplicas++
			if podutil.IsPodAvailable(p, 0, now) {
				status.AvailableReplicas++
			}
		}
	}
	return status
}

// PodNames returns the sorted names of pods, for logging.
func PodNames(pods []*v1.Pod) []string {
	names := make([]string, 0, len(pods))
	for _, p := range pods {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return names
}
