package queue

import (
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func pod(name string, priority int32) *v1.Pod {
	return &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns"}, Spec: v1.PodSpec{Priority: &priority}}
}

func TestPopOrder(t *testing.T) {
	q := NewPriorityQueue()
	clock := time.Unix(0, 0)
	q.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	for _, p := range []*v1.Pod{pod("low", 1), pod("high", 100), pod("low-later", 1)} {
		if err := q.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Add(pod("high", 100)); err == nil {
		t.Error("expected duplicate add to fail")
	}
	var got []string
	for i := 0; i < 3; i++ {
		pInfo, err := q.Pop()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, pInfo.Pod.Name)
	}
	want := []string{"high", "low", "low-later"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pop order = %v, want %v", got, want)
		}
	}
}

func TestUnschedulableBackoff(t *testing.T) {
	q := NewPriorityQueue()
	now := time.Unix(100, 0)
	q.now = func() time.Time { return now }
	_ = q.Add(pod("p", 0))
	pInfo, _ := q.Pop()
	if err := q.AddUnschedulableIfNotPresent(pInfo); err != nil {
		t.Fatal(err)
	}
	if moved := q.MoveAllToActiveQueue(); moved != 0 {
		t.Fatalf("moved %d pods before backoff expired", moved)
	}
	now = now.Add(DefaultPodInitialBackoffDuration)
	if moved := q.MoveAllToActiveQueue(); moved != 1 {
		t.Fatalf("moved %d pods after backoff", moved)
	}
	pInfo.Attempts = 10
	if d := q.BackoffDuration(pInfo); d != DefaultPodMaxBackoffDuration {
		t.Errorf("backoff = %v", d)
	}
	q.Close()
}

func TestPopOnClosedQueue(t *testing.T) {
	q := NewPriorityQueue()
	done := make(chan error)
	go func() {
		_, err := q.Pop()
		done <- err
	}()
	q.Close()
	if err := <-done; err == nil {
		t.Error("expected an error from Pop on a closed queue")
	}
}
