package markcontrolplane

import (
	"context"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	kubeadmconstants "k8s.io/kubernetes/pkg/kubeadm/constants"
)

func TestMarkControlPlane(t *testing.T) {
	client := fake.NewSimpleClientset(&v1.Node{ObjectMeta: metav1.ObjectMeta{Name: "cp-1"}})
	ctx := context.Background()
	taints := []v1.Taint{kubeadmconstants.ControlPlaneTaint}
	if err := MarkControlPlane(ctx, client, "cp-1", taints); err != nil {
		t.Fatal(err)
	}
	node, _ := client.CoreV1().Nodes().Get(ctx, "cp-1", metav1.GetOptions{})
	if _, ok := node.Labels[kubeadmconstants.LabelNodeRoleControlPlane]; !ok || len(node.Spec.Taints) != 1 {
		t.Errorf("labels=%v taints=%v", node.Labels, node.Spec.Taints)
	}
	client.ClearActions()
	if err := MarkControlPlane(ctx, client, "cp-1", taints); err != nil {
		t.Fatal(err)
	}
	if n := len(client.Actions()); n != 1 {
		t.Errorf("marking twice should only read the node, got %d actions", n)
	}
}
