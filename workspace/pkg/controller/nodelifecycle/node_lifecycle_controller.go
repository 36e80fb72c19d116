// Package nodelifecycle watches node health: nodes whose kubelet stopped
// posting status are marked unknown and tainted, and pods that do not
// tolerate the taints are evicted.
package nodelifecycle

import (
	"context"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"

	v1helper "k8s.io/kubernetes/pkg/apis/core/v1/helper"
	"k8s.io/kubernetes/pkg/features"
	nodeutil "k8s.io/kubernetes/pkg/util/node"
	taintutils "k8s.io/kubernetes/pkg/util/taints"
)

var (
	// UnreachableTaintTemplate is the taint for when a node becomes unreachable.
	UnreachableTaintTemplate = &v1.Taint{Key: v1.TaintNodeUnreachable, Effect: v1.TaintEffectNoExecute}
	// NotReadyTaintTemplate is the taint for when a node is not ready for executing pods.
	NotReadyTaintTemplate = &v1.Taint{Key: v1.TaintNodeNotReady, Effect: v1.TaintEffectNoExecute}
)

// Controller is the node lifecycle controller.
type Controller struct {
	kubeClient kubernetes.Interface
	now        func() metav1.Time

	// nodeMonitorGracePeriod is the time a node may go without a status
	// update before it is considered unreachable.
	nodeMonitorGracePeriod time.Duration
}

// NewNodeLifecycleController returns a new node lifecycle controller.
func NewNodeLifecycleController(kubeClient kubernetes.Interface, nodeMonitorGracePeriod time.Duration) *Controller {
	return &Controller{kubeClient: kubeClient, now: metav1.Now, nodeMonitorGracePeriod: nodeMonitorGracePeriod}
}

// MonitorNodeHealth verifies node health once and updates taints and pods.
func (nc *Controller) MonitorNodeHealth(ctx context.Context) error {
	nodes, err := nc.kubeClient.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	for i := range nodes.Items {
		node := &nodes.Items[i]
		desired := nc.desiredTaint(node)
		if err := nc.reconcileTaints(ctx, node, desired); err != nil {
			return err
		}
		if desired != nil {
			if err := nc.evictPods(ctx, node.Name, desired); err != nil {
				return err
			}
		}
	}
	return nil
}

// desiredTaint returns the NoExecute taint a node should carry, if any.
func (nc *Controller) desiredTaint(node *v1.Node) *v1.Taint {
	_, ready := nodeutil.GetNodeCondition(&node.Status, v1.NodeReady)
	switch {
	case ready == nil:
		return UnreachableTaintTemplate
	case ready.Status == v1.ConditionFalse:
		return NotReadyTaintTemplate
	case ready.Status == v1.ConditionUnknown:
		return UnreachableTaintTemplate
	case nc.now().Sub(ready.LastHeartbeatTime.Time) > nc.nodeMonitorGracePeriod:
		return UnreachableTaintTemplate
	}
	return nil
}

func (nc *Controller) reconcileTaints(ctx context.Context, node *v1.Node, desired *v1.Taint) error {
	updated := node
	changed := false
	for _, t := range []*v1.Taint{UnreachableTaintTemplate, NotReadyTaintTemplate} {
		var c bool
		var err error
		if desired != nil && t.Key == desired.Key {
			taint := *t
			now := nc.now()
			taint.TimeAdded = &now
			if taintutils.TaintExists(updated.Spec.Taints, &taint) {
				continue
			}
			updated, c, err = taintutils.AddOrUpdateTaint(updated, &taint)
		} else {
			updated, c, err = taintutils.RemoveTaint(updated, t)
		}
		if err != nil {
			return err
		}
		changed = changed || c
	}
	if !changed {
		return nil
	}
	logs.V(2).Infof("Updating taints of node %q to %v", node.Name, updated.Spec.Taints)
	_, err := nc.kubeClient.CoreV1().Nodes().Update(ctx, updated, metav1.UpdateOptions{})
	return err
}

// evictPods deletes the pods on nodeName that do not tolerate taint.
func (nc *Controller) evictPods(ctx context.Context, nodeName string, taint *v1.Taint) error {
	if !features.DefaultFeatureGate.Enabled(features.NodeOutOfServiceVolumeDetach) && taint.Key == v1.TaintNodeNotReady {
		return nil
	}
	pods, err := nc.kubeClient.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	for i := range pods.Items {
		pod := &pods.Items[i]
		if pod.Spec.NodeName != nodeName {
			continue
		}
		if tolerated, _ := v1helper.GetMatchingTolerations([]v1.Taint{*taint}, pod.Spec.Tolerations); tolerated {
			continue
		}
		logs.V(2).Infof("Evicting pod %s/%s from node %q", pod.Namespace, pod.Name, nodeName)
		if err := nc.kubeClient.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{}); err != nil {
			return err
		}
	}
	return nil
}
