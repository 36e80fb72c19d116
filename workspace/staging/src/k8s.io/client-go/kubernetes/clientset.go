// Package kubernetes holds the typed clientset for the built-in API groups.
package kubernetes

import (
	"context"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
)

// Interface is implemented by Clientset.
type Interface interface {
	CoreV1() CoreV1Interface
	AppsV1() AppsV1Interface
}

// Clientset contains the clients for groups.
type Clientset struct {
	client rest.Interface
}

var _ Interface = &Clientset{}

// NewForConfig creates a new Clientset for the given config.
func NewForConfig(c *rest.Config) (*Clientset, error) {
	client, err := rest.RESTClientFor(c)
	if err != nil {
		return nil, err
	}
	return New(client), nil
}

// New creates a new Clientset on top of the given verb-level client.
func New(c rest.Interface) *Clientset {
	return &Clientset{client: c}
}

// CoreV1 retrieves the CoreV1Client.
func (c *Clientset) CoreV1() CoreV1Interface { return &coreV1Client{c.client} }

// AppsV1 retrieves the AppsV1Client.
func (c *Clientset) AppsV1() AppsV1Interface { return &appsV1Client{c.client} }

// ResourceInterface is the set of verbs of a typed resource client.
type ResourceInterface[T runtime.Object, L runtime.Object] interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error)
	List(ctx context.Context, opts metav1.ListOptions) (L, error)
	Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error)
	Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
	UpdateStatus(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
}

type resourceClient[T runtime.Object, L runtime.Object] struct {
	client    rest.Interface
	gvr       schema.GroupVersionResource
	namespace string
	newObj    func() T
	newList   func() L
}

func (c *resourceClient[T, L]) Get(ctx context.Context, name string, _ metav1.GetOptions) (T, error) {
	out := c.newObj()
	err := c.client.Get(ctx, c.gvr, c.namespace, name, out)
	return out, err
}

func (c *resourceClient[T, L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	out := c.newList()
	err := c.client.List(ctx, c.gvr, c.namespace, opts, out)
	return out, err
}

func (c *resourceClient[T, L]) Create(ctx context.Context, obj T, _ metav1.CreateOptions) (T, error) {
	out := c.newObj()
	err := c.client.Create(ctx, c.gvr, c.namespace, obj, out)
	return out, err
}

func (c *resourceClient[T, L]) Update(ctx context.Context, obj T, _ metav1.UpdateOptions) (T, error) {
	out := c.newObj()
	err := c.client.Update(ctx, c.gvr, c.namespace, "", obj, out)
	return out, err
}

func (c *resourceClient[T, L]) UpdateStatus(ctx context.Context, obj T, _ metav1.UpdateOptions) (T, error) {
	out := c.newObj()
	err := c.client.Update(ctx, c.gvr, c.namespace, "status", obj, out)
	return out, err
}

func (c *resourceClient[T, L]) Delete(ctx context.Context, name string, _ metav1.DeleteOptions) error {
	return c.client.Delete(ctx, c.gvr, c.namespace, name)
}

// PodInterface has methods to work with Pod resources.
type PodInterface = ResourceInterface[*corev1.Pod, *corev1.PodList]

// NodeInterface has methods to work with Node resources.
type NodeInterface = ResourceInterface[*corev1.Node, *corev1.NodeList]

// ServiceInterface has methods to work with Service resources.
type ServiceInterface = ResourceInterface[*corev1.Service, *corev1.ServiceList]

// EndpointsInterface has methods to work with Endpoints resources.
type EndpointsInterface = ResourceInterface[*corev1.Endpoints, *corev1.EndpointsList]

// DeploymentInterface has methods to work with Deployment resources.
type DeploymentInterface = ResourceInterface[*appsv1.Deployment, *appsv1.DeploymentList]

// ReplicaSetInterface has methods to work with ReplicaSet resources.
type ReplicaSetInterface = ResourceInterface[*appsv1.ReplicaSet, *appsv1.ReplicaSetList]

// CoreV1Interface groups the clients of the core v1 resources.
type CoreV1Interface interface {
	Pods(namespace string) PodInterface
	Nodes() NodeInterface
	Services(namespace string) ServiceInterface
	Endpoints(namespace string) EndpointsInterface
}

type coreV1Client struct{ client rest.Interface }

func (c *coreV1Client) Pods(namespace string) PodInterface {
	return &resourceClient[*corev1.Pod, *corev1.PodList]{c.client, corev1.SchemeGroupVersion.WithResource("pods"), namespace,
		func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} }}
}

func (c *coreV1Client) Nodes() NodeInterface {
	return &resourceClient[*corev1.Node, *corev1.NodeList]{c.client, corev1.SchemeGroupVersion.WithResource("nodes"), "",
		func() *corev1.Node { return &corev1.Node{} }, func() *corev1.NodeList { return &corev1.NodeList{} }}
}

func (c *coreV1Client) Services(namespace string) ServiceInterface {
	return &resourceClient[*corev1.Service, *corev1.ServiceList]{c.client, corev1.SchemeGroupVersion.WithResource("services"), namespace,
		func() *corev1.Service { return &corev1.Service{} }, func() *corev1.ServiceList { return &corev1.ServiceList{} }}
}

func (c *coreV1Client) Endpoints(namespace string) EndpointsInterface {
	return &resourceClient[*corev1.Endpoints, *corev1.EndpointsList]{c.client, corev1.SchemeGroupVersion.WithResource("endpoints"), namespace,
		func() *corev1.Endpoints { return &corev1.Endpoints{} }, func() *corev1.EndpointsList { return &corev1.EndpointsList{} }}
}

// AppsV1Interface groups the clients of the apps v1 resources.
type AppsV1Interface interface {
	Deployments(namespace string) DeploymentInterface
	ReplicaSets(namespace string) ReplicaSetInterface
}

type appsV1Client struct{ client rest.Interface }

func (c *appsV1Client) Deployments(namespace string) DeploymentInterface {
	return &resourceClient[*appsv1.Deployment, *appsv1.DeploymentList]{c.client, appsv1.SchemeGroupVersion.WithResource("deployments"), namespace,
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} }}
}

func (c *appsV1Client) ReplicaSets(namespace string) ReplicaSetInterface {
	return &resourceClient[*appsv1.ReplicaSet, *appsv1.ReplicaSetList]{c.client, appsv1.SchemeGroupVersion.WithResource("replicasets"), namespace,
		func() *appsv1.ReplicaSet { return &appsv1.ReplicaSet{} }, func() *appsv1.ReplicaSetList { return &appsv1.ReplicaSetList{} }}
}
