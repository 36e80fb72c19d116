// Package kubemark runs hollow nodes: components that talk to a real API
// server like their node counterparts but program nothing on the host, so
// that one machine can simulate the control plane load of many nodes.
package kubemark

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"

	proxyconfig "k8s.io/kubernetes/pkg/proxy/config"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	iptablestest "k8s.io/kubernetes/pkg/util/iptables/testing"
)

// HollowProxy is a kube-proxy that writes its rules into an in-memory
// iptables implementation.
type HollowProxy struct {
	Proxier  *iptables.Proxier
	IPTables *iptablestest.FakeIPTables
	client   kubernetes.Interface
}

// NewHollowProxy creates a hollow proxy for nodeName.
func NewHollowProxy(nodeName string, client kubernetes.Interface) *HollowProxy {
	ipt := iptablestest.NewFake()
	return &HollowProxy{
		Proxier:  iptables.NewProxier(ipt, nodeName),
		IPTables: ipt,
		client:   client,
	}
}

// Run watches services and endpoints and syncs the fake rules until ctx is done.
func (hp *HollowProxy) Run(ctx context.Context, syncPeriod time.Duration) {
	serviceConfig := proxyconfig.NewServiceConfig(ctx, hp.client)
	serviceConfig.RegisterEventHandler(hp.Proxier)
	go serviceConfig.Run(syncPeriod, ctx.Done())

	endpointsConfig := proxyconfig.NewEndpointsConfig(ctx, hp.client)
	endpointsConfig.RegisterEventHandler(hp.Proxier)
	go endpointsConfig.Run(syncPeriod, ctx.Done())

	wait.Until(func() {
		if err := hp.Proxier.Sync(); err != nil {
			logs.Errorf("hollow proxy sync failed: %v", err)
		}
	}, syncPeriod, ctx.Done())
}
