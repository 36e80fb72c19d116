// Package markcontrolplane labels and taints a node as a control plane node.
package markcontrolplane

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	kubeadmconstants "k8s.io/kubernetes/pkg/kubeadm/constants"
	taintutil "k8s.io/kubernetes/pkg/util/taints"
)

var labelsToAdd = []string{
	kubeadmconstants.LabelNodeRoleControlPlane,
	kubeadmconstants.LabelExcludeFromExternalLB,
}

// MarkControlPlaneNode applies the control plane labels and taints to node.
// It returns true if the node changed.
func MarkControlPlaneNode(node *v1.Node, taints []v1.Taint) (*v1.Node, bool, error) {
	changed := false
	if node.Labels == nil {
		node.Labels = map[string]string{}
	}
	for _, label := range labelsToAdd {
		if _, ok := node.Labels[label]; !ok {
			node.Labels[label] = ""
			changed = true
		}
	}
	for i := range taints {
		updated, c, err := taintutil.AddOrUpdateTaint(node, &taints[i])
		if err != nil {
			return nil, false, err
		}
		node, changed = updated, changed || c
	}
	return node, changed, nil
}

// MarkControlPlane taints the control-plane and sets the control-plane label through the API.
func MarkControlPlane(ctx context.Context, client kubernetes.Interface, nodeName string, taints []v1.Taint) error {
	node, err := client.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("unable to get node %q: %w", nodeName, err)
	}
	node, changed, err := MarkControlPlaneNode(node, taints)
	if err != nil || !changed {
		return err
	}
	_, err = client.CoreV1().Nodes().Update(ctx, node, metav1.UpdateOptions{})
	return err
}
