// Package eviction is the kubelet's eviction manager: it compares node
// resource signals with the configured thresholds and, when one is met,
// ranks the pods and picks the one to evict.
package eviction

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/types"

	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/kubelet/cm"
	kubepod "k8s.io/kubernetes/pkg/kubelet/pod"
)

// Signal defines a signal that can trigger eviction of pods on a node.
type Signal string

// Supported signals.
const (
	SignalMemoryAvailable     Signal = "memory.available"
	SignalNodeFsAvailable     Signal = "nodefs.available"
	SignalImageFsAvailable    Signal = "imagefs.available"
	SignalPIDAvailable        Signal = "pid.available"
	thresholdOperatorLessThan        = "<"
)

var signalToNodeCondition = map[Signal]v1.NodeConditionType{
	SignalMemoryAvailable:  v1.NodeMemoryPressure,
	SignalNodeFsAvailable:  v1.NodeDiskPressure,
	SignalImageFsAvailable: v1.NodeDiskPressure,
	SignalPIDAvailable:     v1.NodePIDPressure,
}

// ThresholdValue is either an absolute quantity or a percentage of capacity.
type ThresholdValue struct {
	Quantity   *resource.Quantity
	Percentage float32
}

// Threshold defines a metric for when eviction should occur.
type Threshold struct {
	Signal Signal
	Value  ThresholdValue
}

func (t Threshold) String() string {
	if t.Value.Quantity != nil {
		return fmt.Sprintf("%s<%s", t.Signal, t.Value.Quantity.String())
	}
	return fmt.Sprintf("%s<%s%%", t.Signal, strconv.FormatFloat(float64(t.Value.Percentage*100), 'f', -1, 32))
}

// ParseThresholdConfig parses "signal<value" pairs such as
// "memory.available<100Mi,nodefs.available<10%".
func ParseThresholdConfig(spec string) ([]Threshold, error) {
	var results []Threshold
	seen := map[Signal]bool{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		kv := strings.SplitN(part, thresholdOperatorLessThan, 2)
		if len(kv) != 2 {
			return nil, fmt.Errorf("invalid eviction threshold %q: only the %q operator is supported", part, thresholdOperatorLessThan)
		}
		signal := Signal(kv[0])
		if _, ok := signalToNodeCondition[signal]; !ok {
			return nil, fmt.Errorf("unsupported eviction signal %v", signal)
		}
		if seen[signal] {
			return nil, fmt.Errorf("found duplicate eviction threshold for signal %v", signal)
		}
		seen[signal] = true
		value, err := parseThresholdValue(kv[1])
		if err != nil {
			return nil, fmt.Errorf("invalid eviction threshold %q: %v", part, err)
		}
		results = append(results, Threshold{Signal: signal, Value: value})
	}
	return results, nil
}

func parseThresholdValue(val string) (ThresholdValue, error) {
	if strings.HasSuffix(val, "%") {
		p, err := strconv.ParseFloat(strings.TrimSuffix(val, "%"), 32)
		if err != nil {
			return ThresholdValue{}, err
		}
		if p < 0 || p > 100 {
			return ThresholdValue{}, fmt.Errorf("percentage must be between 0 and 100")
		}
		return ThresholdValue{Percentage: float32(p) / 100}, nil
	}
	q, err := resource.ParseQuantity(val)
	if err != nil {
		return ThresholdValue{}, err
	}
	if q.Sign() < 0 {
		return ThresholdValue{}, fmt.Errorf("eviction threshold must be positive: %s", val)
	}
	return ThresholdValue{Quantity: &q}, nil
}

// SignalObservation is the observed available resource and capacity of a signal.
type SignalObservation struct {
	Available resource.Quantity
	Capacity  resource.Quantity
}

// PodStats is the resource usage of one pod.
type PodStats struct {
	MemoryWorkingSet resource.Quantity
	EphemeralStorage resource.Quantity
}

// Stats is a snapshot of node and pod usage.
type Stats struct {
	Node map[Signal]SignalObservation
	Pods map[types.UID]PodStats
}

// Manager evaluates when an eviction threshold for node stability has been met on the node.
type Manager struct {
	mu         sync.Mutex
	thresholds []Threshold
	met        []Threshold
}

// NewManager returns a configured Manager.
func NewManager(thresholds []Threshold) *Manager {
	return &Manager{thresholds: thresholds}
}

// thresholdsMet returns the thresholds whose signal is below the threshold value.
func (m *Manager) thresholdsMet(observations map[Signal]SignalObservation) []Threshold {
	var met []Threshold
	for _, t := range m.thresholds {
		if t.Signal == SignalNodeFsAvailable && !features.DefaultFeatureGate.Enabled(features.LocalStorageCapacityIsolation) {
			continue
		}
		obs, ok := observations[t.Signal]
		if !ok {
			continue
		}
		limit := t.Value.Quantity
		if limit == nil {
			capacity := obs.Capacity.Value()
			limit = resource.NewQuantity(int64(float64(capacity)*float64(t.Value.Percentage)), resource.BinarySI)
		}
		if obs.Available.Cmp(*limit) < 0 {
			met = append(met, t)
		}
	}
	return met
}

// NodeConditions returns the pressure conditions of the last synchronization.
func (m *Manager) NodeConditions() []v1.NodeConditionType {
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[v1.NodeConditionType]bool{}
	var out []v1.NodeConditionType
	for _, t := range m.met {
		c := signalToNodeCondition[t.Signal]
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// IsUnderMemoryPressure returns true if the node is under memory pressure.
func (m *Manager) IsUnderMemoryPressure() bool {
	for _, c := range m.NodeConditions() {
		if c == v1.NodeMemoryPressure {
			return true
		}
	}
	return false
}

// Synchronize is the main control loop that enforces eviction thresholds.
// It returns the pod to evict, or nil when no threshold is met.
func (m *Manager) Synchronize(stats Stats, activePods []*v1.Pod) *v1.Pod {
	met := m.thresholdsMet(stats.Node)
	m.mu.Lock()
	m.met = met
	m.mu.Unlock()
	if len(met) == 0 {
		return nil
	}
	var candidates []*v1.Pod
	for _, pod := range activePods {
		// Static pods are critical to the node and are never evicted.
		if !kubepod.IsStaticPod(pod) {
			candidates = append(candidates, pod)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	rankMemoryPressure(candidates, stats.Pods)
	return candidates[0]
}

// rankMemoryPressure orders pods for eviction: first those whose usage
// exceeds their requests, then by priority (lower first), then by QoS,
// then by usage above requests (larger first).
func rankMemoryPressure(pods []*v1.Pod, stats map[types.UID]PodStats) {
	request := func(p *v1.Pod) int64 {
		var sum int64
		for _, c := range p.Spec.Containers {
			sum += c.Resources.Requests.Memory().Value()
		}
		return sum
	}
	usage := func(p *v1.Pod) int64 {
		s := stats[p.UID]
		return s.MemoryWorkingSet.Value()
	}
	qosRank := map[v1.PodQOSClass]int{v1.PodQOSBestEffort: 0, v1.PodQOSBurstable: 1, v1.PodQOSGuaranteed: 2}
	sort.SliceStable(pods, func(i, j int) bool {
		a, b := pods[i], pods[j]
		exceedsA, exceedsB := usage(a) > request(a), usage(b) > request(b)
		if exceedsA != exceedsB {
			return exceedsA
		}
		if pa, pb := podutil.GetPodPriority(a), podutil.GetPodPriority(b); pa != pb {
			return pa < pb
		}
		if qa, qb := qosRank[cm.GetPodQOS(a)], qosRank[cm.GetPodQOS(b)]; qa != qb {
			return qa < qb
		}
		return usage(a)-request(a) > usage(b)-request(b)
	})
}
