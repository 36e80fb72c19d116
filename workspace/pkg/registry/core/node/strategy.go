// Package node provides the storage and API semantics of nodes.
package node

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"

	"k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/registry/generic"
)

// nodeStrategy implements behavior for nodes.
type nodeStrategy struct{}

// Strategy is the default logic that applies when creating and updating Node objects.
var Strategy generic.Strategy = nodeStrategy{}

func (nodeStrategy) NamespaceScoped() bool { return false }

func (nodeStrategy) PrepareForCreate(obj runtime.Object) {
	node := obj.(*core.Node)
	node.Status = core.NodeStatus{}
}

func (nodeStrategy) PrepareForUpdate(obj, old runtime.Object) {
	obj.(*core.Node).Status = old.(*core.Node).Status
}

func (nodeStrategy) Validate(obj runtime.Object) []string {
	return validation.ValidateNode(obj.(*core.Node))
}

func (nodeStrategy) ValidateUpdate(obj, old runtime.Object) []string {
	newNode, oldNode := obj.(*core.Node), old.(*core.Node)
	errs := validation.ValidateNode(newNode)
	if oldNode.Spec.PodCIDR != "" && newNode.Spec.PodCIDR != oldNode.Spec.PodCIDR {
		errs = append(errs, "spec.podCIDR: Forbidden: node updates may not change podCIDR except from \"\" to valid")
	}
	if oldNode.Spec.ProviderID != "" && newNode.Spec.ProviderID != oldNode.Spec.ProviderID {
		errs = append(errs, "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid")
	}
	return errs
}

type nodeStatusStrategy struct{ nodeStrategy }

func (nodeStatusStrategy) PrepareForUpdate(obj, old runtime.Object) {
	newNode, oldNode := obj.(*core.Node), old.(*core.Node)
	newNode.Spec = oldNode.Spec
}

func (nodeStatusStrategy) ValidateUpdate(obj, _ runtime.Object) []string {
	return validation.ValidateNode(obj.(*core.Node))
}

// REST implements the storage of nodes and their status.
type REST struct {
	*generic.Store
	status *generic.Store
}

// NewREST returns node storage using scheme to copy objects.
func NewREST(scheme *runtime.Scheme) *REST {
	store := generic.NewStore(scheme, core.Resource("nodes"), "Node", Strategy)
	return &REST{Store: store, status: store.WithStrategy(nodeStatusStrategy{})}
}

// UpdateStatus updates only the status of a node.
func (r *REST) UpdateStatus(ctx context.Context, node *core.Node) (*core.Node, error) {
	obj, err := r.status.Update(ctx, node)
	if err != nil {
		return nil, err
	}
	return obj.(*core.Node), nil
}

// SetUnschedulable cordons or uncordons a node.
func (r *REST) SetUnschedulable(ctx context.Context, name string, unschedulable bool) error {
	obj, err := r.Get(ctx, "", name)
	if err != nil {
		return err
	}
	node, ok := obj.(*core.Node)
	if !ok {
		return fmt.Errorf("unexpected object %T", obj)
	}
	node.Spec.Unschedulable = unschedulable
	_, err = r.Update(ctx, node)
	return err
}
