// Package framework defines the scheduling framework: the plugin
// interfaces, the per-node aggregate NodeInfo and the Status returned by
// plugins.
package framework

import (
	"context"
	"fmt"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
)

// Code is the status code of a plugin call.
type Code int

// Status codes.
const (
	// Success means that plugin ran correctly and found pod schedulable.
	Success Code = iota
	// Error is used for internal plugin errors, unexpected input, etc.
	Error
	// Unschedulable is used when a plugin finds a pod unschedulable.
	Unschedulable
	// UnschedulableAndUnresolvable is used when preemption would not help.
	UnschedulableAndUnresolvable
)

var codes = []string{"Success", "Error", "Unschedulable", "UnschedulableAndUnresolvable"}

func (c Code) String() string { return codes[c] }

// Status indicates the result of running a plugin. A nil Status is Success.
type Status struct {
	code    Code
	reasons []string
	plugin  string
}

// NewStatus makes a Status out of the given arguments.
func NewStatus(code Code, reasons ...string) *Status {
	return &Status{code: code, reasons: reasons}
}

// AsStatus wraps an error in a Status.
func AsStatus(err error) *Status {
	if err == nil {
		return nil
	}
	return &Status{code: Error, reasons: []string{err.Error()}}
}

// Code returns the code of the Status; nil means Success.
func (s *Status) Code() Code {
	if s == nil {
		return Success
	}
	return s.code
}

// IsSuccess returns true if the status is nil or Success.
func (s *Status) IsSuccess() bool { return s.Code() == Success }

// Reasons returns the reasons of the Status.
func (s *Status) Reasons() []string {
	if s == nil {
		return nil
	}
	return s.reasons
}

// WithPlugin records the plugin that produced the status.
func (s *Status) WithPlugin(plugin string) *Status {
	if s != nil {
		s.plugin = plugin
	}
	return s
}

// Plugin returns the plugin that produced the status.
func (s *Status) Plugin() string {
	if s == nil {
		return ""
	}
	return s.plugin
}

// Message returns a concatenated message on reasons of the Status.
func (s *Status) Message() string {
	if s == nil {
		return ""
	}
	return strings.Join(s.reasons, ", ")
}

// Resource is a collection of compute resources.
type Resource struct {
	MilliCPU         int64
	Memory           int64
	AllowedPodNumber int
}

// NewResource creates a Resource from ResourceList.
func NewResource(rl v1.ResourceList) *Resource {
	r := &Resource{}
	r.Add(rl)
	return r
}

// Add adds ResourceList into Resource.
func (r *Resource) Add(rl v1.ResourceList) {
	for name, quant := range rl {
		q := quant
		switch name {
		case v1.ResourceCPU:
			r.MilliCPU += q.MilliValue()
		case v1.ResourceMemory:
			r.Memory += q.Value()
		case v1.ResourcePods:
			r.AllowedPodNumber += int(q.Value())
		}
	}
}

// PodRequests sums the requests of the regular containers of a pod; init
// containers run one at a time, so the pod needs the larger of the two.
func PodRequests(pod *v1.Pod) *Resource {
	sum := &Resource{}
	for _, c := range pod.Spec.Containers {
		sum.Add(c.Resources.Requests)
	}
	for _, c := range pod.Spec.InitContainers {
		init := NewResource(c.Resources.Requests)
		if init.MilliCPU > sum.MilliCPU {
			sum.MilliCPU = init.MilliCPU
		}
		if init.Memory > sum.Memory {
			sum.Memory = init.Memory
		}
	}
	return sum
}

// NodeInfo is node level aggregated information.
type NodeInfo struct {
	node        *v1.Node
	Pods        []*v1.Pod
	Requested   *Resource
	Allocatable *Resource
}

// NewNodeInfo returns a ready to use NodeInfo object.
func NewNodeInfo(pods ...*v1.Pod) *NodeInfo {
	ni := &NodeInfo{Requested: &Resource{}, Allocatable: &Resource{}}
	for _, pod := range pods {
		ni.AddPod(pod)
	}
	return ni
}

// Node returns overall information about this node.
func (n *NodeInfo) Node() *v1.Node {
	if n == nil {
		return nil
	}
	return n.node
}

// SetNode sets the overall node information.
func (n *NodeInfo) SetNode(node *v1.Node) {
	n.node = node
	n.Allocatable = NewResource(node.Status.Allocatable)
}

// AddPod adds pod information to this NodeInfo.
func (n *NodeInfo) AddPod(pod *v1.Pod) {
	req := PodRequests(pod)
	n.Requested.MilliCPU += req.MilliCPU
	n.Requested.Memory += req.Memory
	n.Pods = append(n.Pods, pod)
}

// String renders the node name with its pod count.
func (n *NodeInfo) String() string {
	return fmt.Sprintf("&NodeInfo{Node:%s, Pods:%d}", n.Node().GetName(), len(n.Pods))
}

// QueuedPodInfo is a Pod wrapper with additional information related to
// the pod's status in the scheduling queue.
type QueuedPodInfo struct {
	Pod *v1.Pod
	// Timestamp is the time the pod was added to the queue.
	Timestamp time.Time
	// Attempts is the number of scheduling attempts.
	Attempts int
	// InitialAttemptTimestamp is the time when the pod was added to the queue for the first time.
	InitialAttemptTimestamp time.Time
}

// Plugin is the parent type for all the scheduling framework plugins.
type Plugin interface {
	Name() string
}

// FilterPlugin is an interface for Filter plugins. These plugins are
// called at the filter extension point for filtering out hosts that cannot
// run a pod.
type FilterPlugin interface {
	Plugin
	Filter(ctx context.Context, pod *v1.Pod, nodeInfo *NodeInfo) *Status
}

// ScorePlugin is an interface that must be implemented by "Score" plugins
// to rank nodes that passed the filtering phase.
type ScorePlugin interface {
	Plugin
	Score(ctx context.Context, pod *v1.Pod, nodeInfo *NodeInfo) (int64, *Status)
}

// MaxNodeScore is the maximum score a Score plugin is expected to return.
const MaxNodeScore int64 = 100

// Framework runs a set of plugins.
type Framework struct {
	Filters []FilterPlugin
	Scores  []ScorePlugin
}

// RunFilterPlugins runs the filter plugins in order and returns the first non-success status.
func (f *Framework) RunFilterPlugins(ctx context.Context, pod *v1.Pod, nodeInfo *NodeInfo) *Status {
	for _, pl := range f.Filters {
		if s := pl.Filter(ctx, pod, nodeInfo); !s.IsSuccess() {
			return s.WithPlugin(pl.Name())
		}
	}
	return nil
}

// RunScorePlugins sums the scores of the score plugins.
func (f *Framework) RunScorePlugins(ctx context.Context, pod *v1.Pod, nodeInfo *NodeInfo) (int64, *Status) {
	var total int64
	for _, pl := range f.Scores {
		s, status := pl.Score(ctx, pod, nodeInfo)
		if !status.IsSuccess() {
			return 0, status.WithPlugin(pl.Name())
		}
		total += s
	}
	return total, nil
}
