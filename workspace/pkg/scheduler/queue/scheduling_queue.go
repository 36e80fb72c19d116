// Package queue implements the scheduling queue: an active heap ordered by
// pod priority and arrival, plus a holding area for pods that could not be
// scheduled and wait for a cluster event or their backoff to expire.
package queue

import (
	"container/heap"
	"fmt"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"

	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// Default backoff parameters.
const (
	DefaultPodInitialBackoffDuration = 1 * time.Second
	DefaultPodMaxBackoffDuration     = 10 * time.Second
)

// Less orders pods by priority and then by queueing time.
func Less(a, b *framework.QueuedPodInfo) bool {
	p1, p2 := podutil.GetPodPriority(a.Pod), podutil.GetPodPriority(b.Pod)
	return (p1 > p2) || (p1 == p2 && a.Timestamp.Before(b.Timestamp))
}

type podHeap []*framework.QueuedPodInfo

func (h podHeap) Len() int            { return len(h) }
func (h podHeap) Less(i, j int) bool  { return Less(h[i], h[j]) }
func (h podHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *podHeap) Push(x interface{}) { *h = append(*h, x.(*framework.QueuedPodInfo)) }
func (h *podHeap) Pop() interface{} {
	old := *h
	n := len(old)
	item := old[n-1]
	*h = old[:n-1]
	return item
}

// PriorityQueue implements a scheduling queue.
type PriorityQueue struct {
	mu   sync.Mutex
	cond sync.Cond
	now  func() time.Time

	activeQ       podHeap
	unschedulable map[string]*framework.QueuedPodInfo
	known         map[string]bool
	closed        bool

	initialBackoff time.Duration
	maxBackoff     time.Duration
}

// NewPriorityQueue creates a PriorityQueue object.
func NewPriorityQueue() *PriorityQueue {
	pq := &PriorityQueue{
		now:            time.Now,
		unschedulable:  map[string]*framework.QueuedPodInfo{},
		known:          map[string]bool{},
		initialBackoff: DefaultPodInitialBackoffDuration,
		maxBackoff:     DefaultPodMaxBackoffDuration,
	}
	pq.cond.L = &pq.mu
	return pq
}

func key(pod *v1.Pod) string { return pod.Namespace + "/" + pod.Name }

// Add adds a pod to the active queue. It should be called only when a new
// pod is added so there is no chance the pod is already in the queue.
func (p *PriorityQueue) Add(pod *v1.Pod) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := key(pod)
	if p.known[k] {
		return fmt.Errorf("pod %s is already present in the queue", k)
	}
	now := p.now()
	heap.Push(&p.activeQ, &framework.QueuedPodInfo{Pod: pod, Timestamp: now, InitialAttemptTimestamp: now})
	p.known[k] = true
	p.cond.Broadcast()
	return nil
}

// Pop removes the head of the active queue and returns it. It blocks if
// the queue is empty and waits until a new item is added or the queue is closed.
func (p *PriorityQueue) Pop() (*framework.QueuedPodInfo, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.activeQ) == 0 {
		if p.closed {
			return nil, fmt.Errorf("scheduling queue is closed")
		}
		p.cond.Wait()
	}
	pInfo := heap.Pop(&p.activeQ).(*framework.QueuedPodInfo)
	pInfo.Attempts++
	delete(p.known, key(pInfo.Pod))
	return pInfo, nil
}

// AddUnschedulableIfNotPresent parks a pod that failed scheduling until
// its backoff expires and a move request arrives.
func (p *PriorityQueue) AddUnschedulableIfNotPresent(pInfo *framework.QueuedPodInfo) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := key(pInfo.Pod)
	if p.known[k] {
		return fmt.Errorf("pod %s is already present in the active queue", k)
	}
	pInfo.Timestamp = p.now()
	p.unschedulable[k] = pInfo
	p.known[k] = true
	return nil
}

// BackoffDuration is the backoff of a pod: it doubles with every attempt up to the maximum.
func (p *PriorityQueue) BackoffDuration(pInfo *framework.QueuedPodInfo) time.Duration {
	d := p.initialBackoff
	for i := 1; i < pInfo.Attempts; i++ {
		d *= 2
		if d > p.maxBackoff {
			return p.maxBackoff
		}
	}
	return d
}

// MoveAllToActiveQueue moves the unschedulable pods whose backoff has
// completed to the active queue, e.g. after a node was added.
func (p *PriorityQueue) MoveAllToActiveQueue() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	moved := 0
	now := p.now()
	for k, pInfo := range p.unschedulable {
		if pInfo.Timestamp.Add(p.BackoffDuration(pInfo)).After(now) {
			continue
		}
		delete(p.unschedulable, k)
		heap.Push(&p.activeQ, pInfo)
		moved++
	}
	if moved > 0 {
		p.cond.Broadcast()
	}
	return moved
}

// Len returns the number of active and unschedulable pods.
func (p *PriorityQueue) Len() (active, unschedulable int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.activeQ), len(p.unschedulable)
}

// Close closes the priority queue, waking up blocked Pop calls.
func (p *PriorityQueue) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.cond.Broadcast()
}
