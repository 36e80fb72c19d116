// Package plugins holds the in-tree scheduling plugins.
package plugins

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"

	v1helper "k8s.io/kubernetes/pkg/apis/core/v1/helper"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// Plugin names.
const (
	NodeNameName          = "NodeName"
	NodeUnschedulableName = "NodeUnschedulable"
	NodeAffinityName      = "NodeAffinity"
	TaintTolerationName   = "TaintToleration"
	NodeResourcesFitName  = "NodeResourcesFit"
)

// NodeName checks if a pod spec node name matches the current node.
type NodeName struct{}

// Name implements framework.Plugin.
func (NodeName) Name() string { return NodeNameName }

// Filter implements framework.FilterPlugin.
func (NodeName) Filter(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	if pod.Spec.NodeName != "" && pod.Spec.NodeName != nodeInfo.Node().Name {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, "node(s) didn't match the requested node name")
	}
	return nil
}

// NodeUnschedulable filters out cordoned nodes unless the pod tolerates it.
type NodeUnschedulable struct{}

// Name implements framework.Plugin.
func (NodeUnschedulable) Name() string { return NodeUnschedulableName }

// Filter implements framework.FilterPlugin.
func (NodeUnschedulable) Filter(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	if !nodeInfo.Node().Spec.Unschedulable {
		return nil
	}
	taint := &v1.Taint{Key: v1.TaintNodeUnschedulable, Effect: v1.TaintEffectNoSchedule}
	if v1helper.TolerationsTolerateTaint(pod.Spec.Tolerations, taint) {
		return nil
	}
	return framework.NewStatus(framework.UnschedulableAndUnresolvable, "node(s) were unschedulable")
}

// NodeAffinity checks the pod's node selector against the node labels.
type NodeAffinity struct{}

// Name implements framework.Plugin.
func (NodeAffinity) Name() string { return NodeAffinityName }

// Filter implements framework.FilterPlugin.
func (NodeAffinity) Filter(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	if len(pod.Spec.NodeSelector) == 0 {
		return nil
	}
	if labels.SelectorFromSet(pod.Spec.NodeSelector).Matches(labels.Set(nodeInfo.Node().Labels)) {
		return nil
	}
	return framework.NewStatus(framework.UnschedulableAndUnresolvable, "node(s) didn't match Pod's node affinity/selector")
}

// TaintToleration filters nodes with untolerated NoSchedule/NoExecute
// taints and prefers nodes with fewer untolerated PreferNoSchedule taints.
type TaintToleration struct{}

// Name implements framework.Plugin.
func (TaintToleration) Name() string { return TaintTolerationName }

// Filter implements framework.FilterPlugin.
func (TaintToleration) Filter(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	taint, isUntolerated := v1helper.FindMatchingUntoleratedTaint(nodeInfo.Node().Spec.Taints, pod.Spec.Tolerations, func(t *v1.Taint) bool {
		return t.Effect == v1.TaintEffectNoSchedule || t.Effect == v1.TaintEffectNoExecute
	})
	if !isUntolerated {
		return nil
	}
	return framework.NewStatus(framework.UnschedulableAndUnresolvable,
		fmt.Sprintf("node(s) had untolerated taint {%s: %s}", taint.Key, taint.Value))
}

// Score implements framework.ScorePlugin.
func (TaintToleration) Score(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	intolerable := int64(0)
	for _, taint := range nodeInfo.Node().Spec.Taints {
		taint := taint
		if taint.Effect == v1.TaintEffectPreferNoSchedule && !v1helper.TolerationsTolerateTaint(pod.Spec.Tolerations, &taint) {
			intolerable++
		}
	}
	score := framework.MaxNodeScore - intolerable*10
	if score < 0 {
		score = 0
	}
	return score, nil
}

// NodeResourcesFit checks that the node has room for the pod's requests
// and prefers the least allocated nodes.
type NodeResourcesFit struct{}

// Name implements framework.Plugin.
func (NodeResourcesFit) Name() string { return NodeResourcesFitName }

// Filter implements framework.FilterPlugin.
func (NodeResourcesFit) Filter(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	req := framework.PodRequests(pod)
	var reasons []string
	if nodeInfo.Allocatable.AllowedPodNumber > 0 && len(nodeInfo.Pods)+1 > nodeInfo.Allocatable.AllowedPodNumber {
		reasons = append(reasons, "Too many pods")
	}
	if req.MilliCPU > 0 && nodeInfo.Requested.MilliCPU+req.MilliCPU > nodeInfo.Allocatable.MilliCPU {
		reasons = append(reasons, "Insufficient cpu")
	}
	if req.Memory > 0 && nodeInfo.Requested.Memory+req.Memory > nodeInfo.Allocatable.Memory {
		reasons = append(reasons, "Insufficient memory")
	}
	if len(reasons) > 0 {
		return framework.NewStatus(framework.Unschedulable, reasons...)
	}
	return nil
}

// Score implements framework.ScorePlugin with the LeastAllocated strategy.
func (NodeResourcesFit) Score(_ context.Context, pod *v1.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	req := framework.PodRequests(pod)
	score := func(requested, capacity int64) int64 {
		if capacity == 0 || requested > capacity {
			return 0
		}
		return (capacity - requested) * framework.MaxNodeScore / capacity
	}
	cpu := score(nodeInfo.Requested.MilliCPU+req.MilliCPU, nodeInfo.Allocatable.MilliCPU)
	mem := score(nodeInfo.Requested.Memory+req.Memory, nodeInfo.Allocatable.Memory)
	return (cpu + mem) / 2, nil
}

// NewInTreeFramework returns the default plugin set.
func NewInTreeFramework() *framework.Framework {
	return &framework.Framework{
		Filters: []framework.FilterPlugin{NodeUnschedulable{}, NodeName{}, NodeAffinity{}, TaintToleration{}, NodeResourcesFit{}},
		Scores:  []framework.ScorePlugin{TaintToleration{}, NodeResourcesFit{}},
	}
}
