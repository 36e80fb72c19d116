// Package iptables implements the iptables proxier: every service port
// becomes a KUBE-SVC chain that load-balances over KUBE-SEP chains, one
// per endpoint, written in a single iptables-restore transaction.
package iptables

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"sort"
	"strings"
	"sync"

	v1 "k8s.io/api/core/v1"
	"k8s.io/component-base/logs"

	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/proxy"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
)

// Chains owned by the proxier.
const (
	kubeServicesChain    utiliptables.Chain = "KUBE-SERVICES"
	kubeNodePortsChain   utiliptables.Chain = "KUBE-NODEPORTS"
	kubePostroutingChain utiliptables.Chain = "KUBE-POSTROUTING"
)

// Proxier is an iptables based proxy for connections between a localhost:lport
// and services that provide the actual backends.
type Proxier struct {
	mu              sync.Mutex
	iptables        utiliptables.Interface
	hostname        string
	serviceChanges  *proxy.ServiceChangeTracker
	endpointChanges *proxy.EndpointsChangeTracker
	lastRules       map[string]string

	servicesSynced  bool
	endpointsSynced bool
}

var _ proxy.Provider = &Proxier{}

// NewProxier returns a new Proxier given an iptables Interface instance.
func NewProxier(ipt utiliptables.Interface, hostname string) *Proxier {
	return &Proxier{
		iptables:        ipt,
		hostname:        hostname,
		serviceChanges:  proxy.NewServiceChangeTracker(),
		endpointChanges: proxy.NewEndpointsChangeTracker(),
		lastRules:       map[string]string{},
	}
}

// OnServiceAdd is called whenever creation of new service object is observed.
func (p *Proxier) OnServiceAdd(service *v1.Service) { p.serviceChanges.Update(nil, service) }

// OnServiceUpdate is called whenever modification of an existing service object is observed.
func (p *Proxier) OnServiceUpdate(oldService, service *v1.Service) {
	p.serviceChanges.Update(oldService, service)
}

// OnServiceDelete is called whenever deletion of an existing service object is observed.
func (p *Proxier) OnServiceDelete(service *v1.Service) { p.serviceChanges.Update(service, nil) }

// OnServiceSynced is called once all the initial event handlers were called.
func (p *Proxier) OnServiceSynced() {
	p.mu.Lock()
	p.servicesSynced = true
	p.mu.Unlock()
}

// OnEndpointsAdd is called whenever creation of new endpoints object is observed.
func (p *Proxier) OnEndpointsAdd(endpoints *v1.Endpoints) { p.endpointChanges.Update(nil, endpoints) }

// OnEndpointsUpdate is called whenever modification of an existing endpoints object is observed.
func (p *Proxier) OnEndpointsUpdate(oldEndpoints, endpoints *v1.Endpoints) {
	p.endpointChanges.Update(oldEndpoints, endpoints)
}

// OnEndpointsDelete is called whenever deletion of an existing endpoints object is observed.
func (p *Proxier) OnEndpointsDelete(endpoints *v1.Endpoints) {
	p.endpointChanges.Update(endpoints, nil)
}

// OnEndpointsSynced is called once all the initial event handlers were called.
func (p *Proxier) OnEndpointsSynced() {
	p.mu.Lock()
	p.endpointsSynced = true
	p.mu.Unlock()
}

// portProtoHash takes the ServicePortName and protocol for a service
// returns the associated 16 character hash.
func portProtoHash(servicePortName string, protocol string) string {
	hash := sha256.Sum256([]byte(servicePortName + protocol))
	encoded := base32.StdEncoding.EncodeToString(hash[:])
	return encoded[:16]
}

func servicePortChainName(spn proxy.ServicePortName) utiliptables.Chain {
	return utiliptables.Chain("KUBE-SVC-" + portProtoHash(spn.String(), strings.ToLower(string(spn.Protocol))))
}

func servicePortEndpointChainName(spn proxy.ServicePortName, endpoint string) utiliptables.Chain {
	hash := sha256.Sum256([]byte(spn.String() + strings.ToLower(string(spn.Protocol)) + endpoint))
	return utiliptables.Chain("KUBE-SEP-" + base32.StdEncoding.EncodeToString(hash[:])[:16])
}

// SyncRules computes the nat table for the current services and endpoints.
func (p *Proxier) SyncRules() []byte {
	services := p.serviceChanges.Checkpoint()
	endpoints := p.endpointChanges.Checkpoint()

	names := make([]proxy.ServicePortName, 0, len(services))
	for spn := range services {
		names = append(names, spn)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].String() < names[j].String() })

	var chains, rules utiliptables.LineBuffer
	chains.Write("*nat")
	for _, c := range []utiliptables.Chain{kubeServicesChain, kubeNodePortsChain, kubePostroutingChain} {
		chains.Write(utiliptables.MakeChainLine(c))
	}
	rules.Write("-A", string(kubePostroutingChain), "-m mark --mark 0x4000/0x4000 -j MASQUERADE")
	for _, spn := range names {
		svc := services[spn]
		svcChain := servicePortChainName(spn)
		ready := proxy.ReadyEndpoints(endpoints[spn])
		comment := fmt.Sprintf(`-m comment --comment "%s"`, spn.String())
		if len(ready) == 0 {
			// REJECT lives in the filter table; in nat a service without
			// endpoints simply gets no rules.
			continue
		}
		chains.Write(utiliptables.MakeChainLine(svcChain))
		rules.Write("-A", string(kubeServicesChain), comment, "-m", strings.ToLower(string(svc.Protocol)), "-p", strings.ToLower(string(svc.Protocol)),
			"-d", svc.ClusterIP.String(), "--dport", svc.Port, "-j", string(svcChain))
		if svc.NodePort != 0 {
			rules.Write("-A", string(kubeNodePortsChain), comment, "-m", strings.ToLower(string(svc.Protocol)), "-p", strings.ToLower(string(svc.Protocol)),
				"--dport", svc.NodePort, "-j", string(svcChain))
		}
		n := len(ready)
		for i, ep := range ready {
			epChain := servicePortEndpointChainName(spn, ep.String())
			chains.Write(utiliptables.MakeChainLine(epChain))
			if i < n-1 {
				rules.Write("-A", string(svcChain), comment, "-m statistic --mode random --probability", fmt.Sprintf("%0.10f", 1.0/float64(n-i)), "-j", string(epChain))
			} else {
				rules.Write("-A", string(svcChain), comment, "-j", string(epChain))
			}
			rules.Write("-A", string(epChain), comment, "-s", ep.IP, "-j", string(utiliptables.KubeMarkMasqChain))
			rules.Write("-A", string(epChain), comment, "-m", strings.ToLower(string(svc.Protocol)), "-p", strings.ToLower(string(svc.Protocol)),
				"-j DNAT --to-destination", ep.String())
		}
	}
	rules.Write("-A", string(kubeServicesChain), "-m addrtype --dst-type LOCAL -j", string(kubeNodePortsChain))
	rules.Write("COMMIT")
	return append(chains.Bytes(), rules.Bytes()...)
}

// Sync writes the current rules with iptables-restore. When
// MinimizeIPTablesRestore is enabled, an unchanged ruleset is not rewritten.
func (p *Proxier) Sync() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	data := p.SyncRules()
	if features.DefaultFeatureGate.Enabled(features.MinimizeIPTablesRestore) && p.lastRules["nat"] == string(data) {
		logs.V(4).Infof("iptables rules unchanged, skipping restore")
		return nil
	}
	for _, jump := range []struct {
		chain utiliptables.Chain
		from  utiliptables.Chain
	}{
		{kubeServicesChain, utiliptables.ChainPrerouting},
		{kubeServicesChain, utiliptables.ChainOutput},
		{kubePostroutingChain, utiliptables.ChainPostrouting},
	} {
		if _, err := p.iptables.EnsureChain(utiliptables.TableNAT, jump.chain); err != nil {
			return err
		}
		if _, err := p.iptables.EnsureChain(utiliptables.TableNAT, jump.from); err != nil {
			return err
		}
		if _, err := p.iptables.EnsureRule(utiliptables.Prepend, utiliptables.TableNAT, jump.from, "-m", "comment", "--comment", "kubernetes service portals", "-j", string(jump.chain)); err != nil {
			return err
		}
	}
	if err := p.iptables.RestoreAll(data, utiliptables.NoFlushTables); err != nil {
		return fmt.Errorf("failed to execute iptables-restore: %v", err)
	}
	p.lastRules["nat"] = string(data)
	return nil
}
