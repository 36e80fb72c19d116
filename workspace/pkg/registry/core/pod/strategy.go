// Package pod provides the storage and API semantics of pods.
package pod

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	podutil "k8s.io/kubernetes/pkg/api/pod"
	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/printers"
	"k8s.io/kubernetes/pkg/registry/generic"
)

// podStrategy implements behavior for Pods.
type podStrategy struct{}

// Strategy is the default logic that applies when creating and updating Pod objects.
var Strategy generic.Strategy = podStrategy{}

func (podStrategy) NamespaceScoped() bool { return true }

func (podStrategy) PrepareForCreate(obj runtime.Object) {
	pod := obj.(*core.Pod)
	pod.Generation = 1
	pod.Status = core.PodStatus{Phase: core.PodPending, QOSClass: qosClass(pod)}
	podutil.DropDisabledPodFields(pod, nil)
}

func (podStrategy) PrepareForUpdate(obj, old runtime.Object) {
	newPod, oldPod := obj.(*core.Pod), old.(*core.Pod)
	// Status is owned by the status subresource.
	newPod.Status = oldPod.Status
	podutil.DropDisabledPodFields(newPod, oldPod)
}

func (podStrategy) Validate(obj runtime.Object) []string {
	return validation.ValidatePod(obj.(*core.Pod))
}

func (podStrategy) ValidateUpdate(obj, old runtime.Object) []string {
	newPod, oldPod := obj.(*core.Pod), old.(*core.Pod)
	errs := validation.ValidatePod(newPod)
	if len(newPod.Spec.Containers) != len(oldPod.Spec.Containers) {
		return append(errs, "spec: Forbidden: pod updates may not add or remove containers")
	}
	for i := range newPod.Spec.Containers {
		if newPod.Spec.Containers[i].Name != oldPod.Spec.Containers[i].Name {
			errs = append(errs, fmt.Sprintf("spec.containers[%d].name: Forbidden: field is immutable", i))
		}
	}
	if oldPod.Spec.NodeName != "" && newPod.Spec.NodeName != oldPod.Spec.NodeName {
		errs = append(errs, "spec.nodeName: Forbidden: field is immutable once set")
	}
	return errs
}

type podStatusStrategy struct{ podStrategy }

// StatusStrategy updates only the status of a pod.
var StatusStrategy generic.Strategy = podStatusStrategy{}

func (podStatusStrategy) PrepareForUpdate(obj, old runtime.Object) {
	newPod, oldPod := obj.(*core.Pod), old.(*core.Pod)
	newPod.Spec = oldPod.Spec
	newPod.Labels = oldPod.Labels
}

func (podStatusStrategy) ValidateUpdate(obj, _ runtime.Object) []string {
	pod := obj.(*core.Pod)
	switch pod.Status.Phase {
	case core.PodPending, core.PodRunning, core.PodSucceeded, core.PodFailed, core.PodUnknown:
		return nil
	}
	return []string{fmt.Sprintf("status.phase: Unsupported value: %q", pod.Status.Phase)}
}

// qosClass classifies a pod: Guaranteed when every container has equal
// requests and limits for cpu and memory, BestEffort when none are set.
func qosClass(pod *core.Pod) string {
	any, guaranteed := false, true
	podutil.VisitContainers(&pod.Spec, func(c *core.Container, _ string) bool {
		for _, name := range []core.ResourceName{core.ResourceCPU, core.ResourceMemory} {
			req, hasReq := c.Resources.Requests[name]
			lim, hasLim := c.Resources.Limits[name]
			if hasReq || hasLim {
				any = true
			}
			if !hasLim || (hasReq && req.Cmp(lim) != 0) {
				guaranteed = false
			}
		}
		return true
	})
	switch {
	case !any:
		return "BestEffort"
	case guaranteed:
		return "Guaranteed"
	}
	return "Burstable"
}

// REST implements the storage of pods and their subresources.
type REST struct {
	*generic.Store
	status *generic.Store
}

// NewREST returns pod storage using scheme to copy objects.
func NewREST(scheme *runtime.Scheme) *REST {
	store := generic.NewStore(scheme, core.Resource("pods"), "Pod", Strategy)
	return &REST{Store: store, status: store.WithStrategy(StatusStrategy)}
}

// UpdateStatus updates only the status of a pod.
func (r *REST) UpdateStatus(ctx context.Context, pod *core.Pod) (*core.Pod, error) {
	obj, err := r.status.Update(ctx, pod)
	if err != nil {
		return nil, err
	}
	return obj.(*core.Pod), nil
}

// Bind assigns a pod to a node, as the scheduler does through the binding subresource.
func (r *REST) Bind(ctx context.Context, namespace, name, nodeName string) error {
	obj, err := r.Get(ctx, namespace, name)
	if err != nil {
		return err
	}
	pod := obj.(*core.Pod)
	if pod.Spec.NodeName != "" {
		return fmt.Errorf("pod %v is already assigned to node %q", pod.Name, pod.Spec.NodeName)
	}
	pod.Spec.NodeName = nodeName
	if _, err := r.Update(ctx, pod); err != nil {
		return err
	}
	pod, err = r.getPod(ctx, namespace, name)
	if err != nil {
		return err
	}
	if _, cond := podutil.GetPodCondition(&pod.Status, core.PodScheduled); cond == nil {
		pod.Status.Conditions = append(pod.Status.Conditions, core.PodCondition{
			Type: core.PodScheduled, Status: core.ConditionTrue, LastTransitionTime: metav1.Now(),
		})
	}
	_, err = r.UpdateStatus(ctx, pod)
	return err
}

func (r *REST) getPod(ctx context.Context, namespace, name string) (*core.Pod, error) {
	obj, err := r.Get(ctx, namespace, name)
	if err != nil {
		return nil, err
	}
	return obj.(*core.Pod), nil
}

// ConvertToTable renders pods as the NAME READY STATUS RESTARTS AGE table.
func ConvertToTable(pods []*core.Pod, now time.Time) *printers.Table {
	table := &printers.Table{ColumnDefinitions: []printers.TableColumnDefinition{
		{Name: "Name", Type: "string"},
		{Name: "Ready", Type: "string"},
		{Name: "Status", Type: "string"},
		{Name: "Age", Type: "string"},
		{Name: "IP", Type: "string", Priority: 1},
		{Name: "Node", Type: "string", Priority: 1},
	}}
	for _, pod := range pods {
		ready := 0
		if podutil.IsPodReady(pod) {
			ready = len(pod.Spec.Containers)
		}
		reason := string(pod.Status.Phase)
		if pod.Status.Reason != "" {
			reason = pod.Status.Reason
		}
		if pod.DeletionTimestamp != nil {
			reason = "Terminating"
		}
		table.Rows = append(table.Rows, printers.TableRow{Cells: []interface{}{
			pod.Name,
			fmt.Sprintf("%d/%d", ready, len(pod.Spec.Containers)),
			reason,
			printers.HumanDuration(now.Sub(pod.CreationTimestamp.Time)),
			pod.Status.PodIP,
			pod.Spec.NodeName,
		}})
	}
	return table
}
