// Package config delivers service and endpoints changes from the API
// server to the handlers of the proxy.
package config

import (
	"context"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/component-base/logs"
)

// ServiceHandler is an abstract interface of objects which receive
// notifications about service object changes.
type ServiceHandler interface {
	OnServiceAdd(service *v1.Service)
	OnServiceUpdate(oldService, service *v1.Service)
	OnServiceDelete(service *v1.Service)
	// OnServiceSynced is called once all the initial event handlers were
	// called and the state is fully propagated to local cache.
	OnServiceSynced()
}

// EndpointsHandler is an abstract interface of objects which receive
// notifications about endpoints object changes.
type EndpointsHandler interface {
	OnEndpointsAdd(endpoints *v1.Endpoints)
	OnEndpointsUpdate(oldEndpoints, endpoints *v1.Endpoints)
	OnEndpointsDelete(endpoints *v1.Endpoints)
	OnEndpointsSynced()
}

// ServiceConfig tracks a set of service configurations.
type ServiceConfig struct {
	informer      *cache.Informer
	eventHandlers []ServiceHandler
}

// NewServiceConfig creates a new ServiceConfig listing services with client.
func NewServiceConfig(ctx context.Context, client kubernetes.Interface) *ServiceConfig {
	result := &ServiceConfig{}
	_, result.informer = cache.NewInformer(func() ([]metav1.Object, error) {
		list, err := client.CoreV1().Services(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		objs := make([]metav1.Object, 0, len(list.Items))
		for i := range list.Items {
			objs = append(objs, &list.Items[i])
		}
		return objs, nil
	}, cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnServiceAdd(obj.(*v1.Service))
			}
		},
		UpdateFunc: func(oldObj, newObj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnServiceUpdate(oldObj.(*v1.Service), newObj.(*v1.Service))
			}
		},
		DeleteFunc: func(obj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnServiceDelete(obj.(*v1.Service))
			}
		},
	})
	return result
}

// RegisterEventHandler registers a handler which is called on every service change.
func (c *ServiceConfig) RegisterEventHandler(handler ServiceHandler) {
	c.eventHandlers = append(c.eventHandlers, handler)
}

// Run waits for cache synced and invokes handlers after syncing.
func (c *ServiceConfig) Run(resync time.Duration, stopCh <-chan struct{}) {
	logs.Infof("Starting service config controller")
	go c.informer.Run(resync, stopCh)
	if !cache.WaitForCacheSync(stopCh, c.informer) {
		return
	}
	for _, h := range c.eventHandlers {
		h.OnServiceSynced()
	}
}

// EndpointsConfig tracks a set of endpoints configurations.
type EndpointsConfig struct {
	informer      *cache.Informer
	eventHandlers []EndpointsHandler
}

// NewEndpointsConfig creates a new EndpointsConfig listing endpoints with client.
func NewEndpointsConfig(ctx context.Context, client kubernetes.Interface) *EndpointsConfig {
	result := &EndpointsConfig{}
	_, result.informer = cache.NewInformer(func() ([]metav1.Object, error) {
		list, err := client.CoreV1().Endpoints(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		objs := make([]metav1.Object, 0, len(list.Items))
		for i := range list.Items {
			objs = append(objs, &list.Items[i])
		}
		return objs, nil
	}, cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnEndpointsAdd(obj.(*v1.Endpoints))
			}
		},
		UpdateFunc: func(oldObj, newObj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnEndpointsUpdate(oldObj.(*v1.Endpoints), newObj.(*v1.Endpoints))
			}
		},
		DeleteFunc: func(obj interface{}) {
			for _, h := range result.eventHandlers {
				h.OnEndpointsDelete(obj.(*v1.Endpoints))
			}
		},
	})
	return result
}

// RegisterEventHandler registers a handler which is called on every endpoints change.
func (c *EndpointsConfig) RegisterEventHandler(handler EndpointsHandler) {
	c.eventHandlers = append(c.eventHandlers, handler)
}

// Run waits for cache synced and invokes handlers after syncing.
func (c *EndpointsConfig) Run(resync time.Duration, stopCh <-chan struct{}) {
	logs.Infof("Starting endpoints config controller")
	go c.informer.Run(resync, stopCh)
	if !cache.WaitForCacheSync(stopCh, c.informer) {
		return
	}
	for _, h := range c.eventHandlers {
		h.OnEndpointsSynced()
	}
}
