// Package scheduler assigns pods to nodes: it pops pods from the
// scheduling queue, filters and scores the nodes with the framework
// plugins, and binds each pod to the best node.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	v1 "k8s.io/api/core/v1"

	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins"
	internalqueue "k8s.io/kubernetes/pkg/scheduler/queue"
)

// ErrNoNodesAvailable is used to describe the error that no nodes available to schedule pods.
var ErrNoNodesAvailable = errors.New("no nodes available to schedule pods")

// FitError describes a fit error of a pod.
type FitError struct {
	Pod         *v1.Pod
	NumAllNodes int
	Diagnosis   map[string]*framework.Status
}

func (f *FitError) Error() string {
	reasons := map[string]int{}
	for _, status := range f.Diagnosis {
		for _, r := range status.Reasons() {
			reasons[r]++
		}
	}
	var parts []string
	for r, n := range reasons {
		parts = append(parts, fmt.Sprintf("%d %s", n, r))
	}
	sort.Strings(parts)
	return fmt.Sprintf("0/%d nodes are available: %s.", f.NumAllNodes, strings.Join(parts, ", "))
}

// Binder persists the decision of the scheduler.
type Binder interface {
	Bind(ctx context.Context, pod *v1.Pod, nodeName string) error
}

// Scheduler watches for new unscheduled pods. It attempts to find nodes
// that they fit on and writes bindings back to the api server.
type Scheduler struct {
	mu        sync.Mutex
	nodes     map[string]*framework.NodeInfo
	Queue     *internalqueue.PriorityQueue
	Framework *framework.Framework
	Binder    Binder
	// SchedulerName is the name pods must request to be handled by this scheduler.
	SchedulerName string
}

// New returns a Scheduler with the in-tree plugins.
func New(binder Binder) *Scheduler {
	return &Scheduler{
		nodes:         map[string]*framework.NodeInfo{},
		Queue:         internalqueue.NewPriorityQueue(),
		Framework:     plugins.NewInTreeFramework(),
		Binder:        binder,
		SchedulerName: v1.DefaultSchedulerName,
	}
}

// AddNode adds or updates a node in the scheduler cache and retries
// pods that were unschedulable.
func (sched *Scheduler) AddNode(node *v1.Node) {
	sched.mu.Lock()
	ni, ok := sched.nodes[node.Name]
	if !ok {
		ni = framework.NewNodeInfo()
		sched.nodes[node.Name] = ni
	}
	ni.SetNode(node)
	sched.mu.Unlock()
	sched.Queue.MoveAllToActiveQueue()
}

// AddPod records an assigned pod in the cache, or queues an unassigned one.
func (sched *Scheduler) AddPod(pod *v1.Pod) error {
	if pod.Spec.NodeName != "" {
		sched.mu.Lock()
		defer sched.mu.Unlock()
		if ni, ok := sched.nodes[pod.Spec.NodeName]; ok {
			ni.AddPod(pod)
		}
		return nil
	}
	if !sched.responsibleForPod(pod) {
		return nil
	}
	return sched.Queue.Add(pod)
}

func (sched *Scheduler) responsibleForPod(pod *v1.Pod) bool {
	name := pod.Spec.SchedulerName
	if name == "" {
		name = v1.DefaultSchedulerName
	}
	if name != sched.SchedulerName {
		return false
	}
	// Pods marked as gated wait until the gate annotation is removed.
	if features.DefaultFeatureGate.Enabled(features.PodSchedulingReadiness) {
		if _, gated := pod.Annotations["scheduling.k8s.io/gated"]; gated {
			return false
		}
	}
	return true
}

// SchedulePod tries to schedule the given pod to one of the nodes in the node list.
func (sched *Scheduler) SchedulePod(ctx context.Context, pod *v1.Pod) (string, error) {
	sched.mu.Lock()
	defer sched.mu.Unlock()
	if len(sched.nodes) == 0 {
		return "", ErrNoNodesAvailable
	}
	names := make([]string, 0, len(sched.nodes))
	for name := range sched.nodes {
		names = append(names, name)
	}
	sort.Strings(names)
	diagnosis := map[string]*framework.Status{}
	bestNode, bestScore := "", int64(-1)
	for _, name := range names {
		ni := sched.nodes[name]
		if status := sched.Framework.RunFilterPlugins(ctx, pod, ni); !status.IsSuccess() {
			diagnosis[name] = status
			continue
		}
		score, status := sched.Framework.RunScorePlugins(ctx, pod, ni)
		if !status.IsSuccess() {
			return "", fmt.Errorf("running score plugin %s: %s", status.Plugin(), status.Message())
		}
		if score > bestScore {
			bestNode, bestScore = name, score
		}
	}
	if bestNode == "" {
		return "", &FitError{Pod: pod, NumAllNodes: len(names), Diagnosis: diagnosis}
	}
	assumed := *pod
	assumed.Spec.NodeName = bestNode
	sched.nodes[bestNode].AddPod(&assumed)
	return bestNode, nil
}

// ScheduleOne does the entire scheduling workflow for a single pod.
func (sched *Scheduler) ScheduleOne(ctx context.Context) (string, error) {
	pInfo, err := sched.Queue.Pop()
	if err != nil {
		return "", err
	}
	node, err := sched.SchedulePod(ctx, pInfo.Pod)
	if err != nil {
		var fitErr *FitError
		if errors.As(err, &fitErr) || errors.Is(err, ErrNoNodesAvailable) {
			if qErr := sched.Queue.AddUnschedulableIfNotPresent(pInfo); qErr != nil {
				return "", qErr
			}
		}
		return "", err
	}
	if sched.Binder != nil {
		if err := sched.Binder.Bind(ctx, pInfo.Pod, node); err != nil {
			return "", err
		}
	}
	return node, nil
}
