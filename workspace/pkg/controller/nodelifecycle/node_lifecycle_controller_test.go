package nodelifecycle

import (
	"context"
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

func TestMonitorNodeHealthTaintsAndEvicts(t *testing.T) {
	now := metav1.Now()
	stale := metav1.NewTime(now.Add(-time.Hour))
	client := fake.NewSimpleClientset(
		&v1.Node{ObjectMeta: metav1.ObjectMeta{Name: "healthy"}, Status: v1.NodeStatus{Conditions: []v1.NodeCondition{{Type: v1.NodeReady, Status: v1.ConditionTrue, LastHeartbeatTime: now}}}},
		&v1.Node{ObjectMeta: metav1.ObjectMeta{Name: "silent"}, Status: v1.NodeStatus{Conditions: []v1.NodeCondition{{Type: v1.NodeReady, Status: v1.ConditionTrue, LastHeartbeatTime: stale}}}},
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "victim", Namespace: "default"}, Spec: v1.PodSpec{NodeName: "silent"}},
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "tolerant", Namespace: "default"}, Spec: v1.PodSpec{NodeName: "silent",
			Tolerations: []v1.Toleration{{Key: v1.TaintNodeUnreachable, Operator: v1.TolerationOpExists, Effect: v1.TaintEffectNoExecute}}}},
	)
	nc := NewNodeLifecycleController(client, 40*time.Second)
	nc.now = func() metav1.Time { return now }
	ctx := context.Background()
	if err := nc.MonitorNodeHealth(ctx); err != nil {
		t.Fatal(err)
	}
	silent, _ := client.CoreV1().Nodes().Get(ctx, "silent", metav1.GetOptions{})
	if len(silent.Spec.Taints) != 1 || silent.Spec.Taints[0].Key != v1.TaintNodeUnreachable {
		t.Errorf("silent node taints = %v", silent.Spec.Taints)
	}
	healthy, _ := client.CoreV1().Nodes().Get(ctx, "healthy", metav1.GetOptions{})
	if len(healthy.Spec.Taints) != 0 {
		t.Errorf("healthy node taints = %v", healthy.Spec.Taints)
	}
	pods, _ := client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
	if len(pods.Items) != 1 || pods.Items[0].Name != "tolerant" {
		t.Errorf("remaining pods = %v", pods.Items)
	}
}
