package deployment

import (
	"context"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
)

func TestRollingUpdateCreatesNewReplicaSet(t *testing.T) {
	replicas, surge := int32(3), int32(2)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: types.UID("d-uid")},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       v1.PodSpec{Containers: []v1.Container{{Name: "app", Image: "nginx:1"}}},
			},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType, MaxSurge: &surge},
		},
	}
	client := fake.NewSimpleClientset(d)
	dc := NewDeploymentController(client)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := dc.SyncDeployment(ctx, "default/web"); err != nil {
			t.Fatal(err)
		}
	}
	list, err := client.AppsV1().ReplicaSets("default").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 {
		t.Fatalf("expected 1 replica set, got %d", len(list.Items))
	}
	rs := list.Items[0]
	if *rs.Spec.Replicas != 3 || rs.Labels[appsv1.DefaultDeploymentUniqueLabelKey] == "" {
		t.Errorf("replicas=%d labels=%v", *rs.Spec.Replicas, rs.Labels)
	}
}
