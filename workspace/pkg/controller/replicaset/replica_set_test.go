package replicaset

import (
	"context"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
)

func newReplicaSet(replicas int32) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: types.UID("rs-uid")},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "app", Image: "nginx"}}},
			},
		},
	}
}

func countPods(t *testing.T, client *fake.Clientset) int {
	t.Helper()
	pods, err := client.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{LabelSelector: "app=web"})
	if err != nil {
		t.Fatal(err)
	}
	return len(pods.Items)
}

func TestSyncReplicaSetScalesUpAndDown(t *testing.T) {
	ctx := context.Background()
	client := fake.NewSimpleClientset(newReplicaSet(3))
	rsc := NewReplicaSetController(client, BurstReplicas)

	if err := rsc.SyncReplicaSet(ctx, "default/web"); err != nil {
		t.Fatal(err)
	}
	if n := countPods(t, client); n != 3 {
		t.Fatalf("expected 3 pods after scale up, got %d", n)
	}
	// Status reflects the pods seen at the start of a sync, so it catches up on the next one.
	if err := rsc.SyncReplicaSet(ctx, "default/web"); err != nil {
		t.Fatal(err)
	}
	rs, _ := client.AppsV1().ReplicaSets("default").Get(ctx, "web", metav1.GetOptions{})
	if rs.Status.Replicas != 3 {
		t.Errorf("status.replicas = %d", rs.Status.Replicas)
	}

	one := int32(1)
	rs.Spec.Replicas = &one
	if _, err := client.AppsV1().ReplicaSets("default").Update(ctx, rs, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := rsc.SyncAll(ctx, "default"); err != nil {
		t.Fatal(err)
	}
	if n := countPods(t, client); n != 1 {
		t.Errorf("expected 1 pod after scale down, got %d", n)
	}
}

func TestSyncDeletedReplicaSet(t *testing.T) {
	rsc := NewReplicaSetController(fake.NewSimpleClientset(), BurstReplicas)
	if err := rsc.SyncReplicaSet(context.Background(), "default/gone"); err != nil {
		t.Errorf("sync of a deleted replica set should succeed, got %v", err)
	}
}
