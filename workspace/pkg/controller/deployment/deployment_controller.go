// Package deployment contains all the logic for handling Kubernetes
// Deployments: it maintains one ReplicaSet per pod template revision and
// moves replicas from old ReplicaSets to the new one.
package deployment

import (
	"context"
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"

	"k8s.io/kubernetes/pkg/controller"
)

// DeploymentController is responsible for synchronizing Deployment objects
// stored in the system with actual running replica sets and pods.
type DeploymentController struct {
	client kubernetes.Interface
}

// NewDeploymentController creates a new DeploymentController.
func NewDeploymentController(client kubernetes.Interface) *DeploymentController {
	return &DeploymentController{client: client}
}

// SyncDeployment will sync the deployment with the given key.
func (dc *DeploymentController) SyncDeployment(ctx context.Context, key string) error {
	nn := types.ParseNamespacedName(key)
	d, err := dc.client.AppsV1().Deployments(nn.Namespace).Get(ctx, nn.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if d.Spec.Paused {
		return nil
	}
	rsList, err := dc.getReplicaSetsForDeployment(ctx, d)
	if err != nil {
		return err
	}
	newRS, oldRSs, err := dc.getNewReplicaSet(ctx, d, rsList)
	if err != nil {
		return err
	}
	switch d.Spec.Strategy.Type {
	case appsv1.RecreateDeploymentStrategyType:
		return dc.rolloutRecreate(ctx, d, newRS, oldRSs)
	default:
		return dc.rolloutRolling(ctx, d, newRS, oldRSs)
	}
}

func (dc *DeploymentController) getReplicaSetsForDeployment(ctx context.Context, d *appsv1.Deployment) ([]*appsv1.ReplicaSet, error) {
	selector, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil {
		return nil, err
	}
	list, err := dc.client.AppsV1().ReplicaSets(d.Namespace).List(ctx, metav1.ListOptions{LabelSelector: selector.String()})
	if err != nil {
		return nil, err
	}
	var owned []*appsv1.ReplicaSet
	for i := range list.Items {
		rs := &list.Items[i]
		if controller.IsControlledBy(rs, d) {
			owned = append(owned, rs)
		}
	}
	sort.Sort(controller.ReplicaSetsByCreationTimestamp(owned))
	return owned, nil
}

// getNewReplicaSet returns the replica set matching the current pod
// template, creating it when missing, and the remaining old ones.
func (dc *DeploymentController) getNewReplicaSet(ctx context.Context, d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) (*appsv1.ReplicaSet, []*appsv1.ReplicaSet, error) {
	hash := controller.ComputeHash(&d.Spec.Template, nil)
	var newRS *appsv1.ReplicaSet
	var old []*appsv1.ReplicaSet
	for _, rs := range rsList {
		if rs.Labels[appsv1.DefaultDeploymentUniqueLabelKey] == hash {
			newRS = rs
		} else {
			old = append(old, rs)
		}
	}
	if newRS != nil {
		return newRS, old, nil
	}
	template := d.Spec.Template
	template.Labels = labels.Merge(template.Labels, labels.Set{appsv1.DefaultDeploymentUniqueLabelKey: hash})
	selector := &metav1.LabelSelector{MatchLabels: labels.Merge(d.Spec.Selector.MatchLabels, labels.Set{appsv1.DefaultDeploymentUniqueLabelKey: hash})}
	zero := int32(0)
	rs := &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{
			Name:            d.Name + "-" + hash,
			Namespace:       d.Namespace,
			Labels:          template.Labels,
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(d, appsv1.SchemeGroupVersion.String(), "Deployment")},
		},
		Spec: appsv1.ReplicaSetSpec{Replicas: &zero, Selector: selector, Template: template},
	}
	created, err := dc.client.AppsV1().ReplicaSets(d.Namespace).Create(ctx, rs, metav1.CreateOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("creating replica set %s: %w", rs.Name, err)
	}
	return created, old, nil
}

func (dc *DeploymentController) scale(ctx context.Context, rs *appsv1.ReplicaSet, replicas int32) error {
	if rs.Spec.Replicas != nil && *rs.Spec.Replicas == replicas {
		return nil
	}
	rs.Spec.Replicas = &replicas
	_, err := dc.client.AppsV1().ReplicaSets(rs.Namespace).Update(ctx, rs, metav1.UpdateOptions{})
	return err
}

func (dc *DeploymentController) rolloutRecreate(ctx context.Context, d *appsv1.Deployment, newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) error {
	for _, rs := range oldRSs {
		if err := dc.scale(ctx, rs, 0); err != nil {
			return err
		}
	}
	return dc.scale(ctx, newRS, desiredReplicas(d))
}

// rolloutRolling moves at most maxSurge replicas per sync to the new replica set.
func (dc *DeploymentController) rolloutRolling(ctx context.Context, d *appsv1.Deployment, newRS *appsv1.ReplicaSet, oldRSs []*appsv1.ReplicaSet) error {
	desired := desiredReplicas(d)
	surge := int32(1)
	if d.Spec.Strategy.MaxSurge != nil {
		surge = *d.Spec.Strategy.MaxSurge
	}
	current := replicasOf(newRS)
	target := current + surge
	if target > desired {
		target = desired
	}
	if err := dc.scale(ctx, newRS, target); err != nil {
		return err
	}
	remaining := desired - target
	for _, rs := range oldRSs {
		r := replicasOf(rs)
		if r > remaining {
			r = remaining
		}
		remaining -= r
		if err := dc.scale(ctx, rs, r); err != nil {
			return err
		}
	}
	return nil
}

func desiredReplicas(d *appsv1.Deployment) int32 {
	if d.Spec.Replicas == nil {
		return 1
	}
	return *d.Spec.Replicas
}

func replicasOf(rs *appsv1.ReplicaSet) int32 {
	if rs.Spec.Replicas == nil {
		return 0
	}
	return *rs.Spec.Replicas
}
