package status

import (
	"context"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	kubepod "k8s.io/kubernetes/pkg/kubelet/pod"
)

func TestSetPodStatusAndSync(t *testing.T) {
	pod := &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: "uid-1"},
		Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "a"}, {Name: "b"}}},
	}
	client := fake.NewSimpleClientset(pod)
	podManager := kubepod.NewBasicPodManager()
	podManager.AddPod(pod)
	m := NewManager(client, podManager)

	m.SetPodStatus(pod, v1.PodStatus{Phase: v1.PodRunning, ContainerStatuses: []v1.ContainerStatus{{Name: "a", Ready: true}}})
	status, ok := m.GetPodStatus(pod.UID)
	if !ok || len(status.Conditions) != 1 || status.Conditions[0].Status != v1.ConditionFalse {
		t.Fatalf("unexpected status %+v", status)
	}
	if status.Conditions[0].Message != "containers with unready status: [b]" {
		t.Errorf("message = %q", status.Conditions[0].Message)
	}

	ctx := context.Background()
	if n, err := m.SyncBatch(ctx); err != nil || n != 1 {
		t.Fatalf("sync: %d %v", n, err)
	}
	if n, _ := m.SyncBatch(ctx); n != 0 {
		t.Errorf("unchanged status should not be synced again, synced %d", n)
	}
	got, _ := client.CoreV1().Pods("default").Get(ctx, "web", metav1.GetOptions{})
	if got.Status.Phase != v1.PodRunning {
		t.Errorf("api status phase = %q", got.Status.Phase)
	}
}
