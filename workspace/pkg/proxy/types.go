// Package proxy implements the service proxy: it tracks services and
// endpoints and computes the per-port state that proxier backends program
// into the node's packet filters.
package proxy

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"sync"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/sets"
)

// Provider is the interface provided by proxier implementations.
type Provider interface {
	OnServiceAdd(service *v1.Service)
	OnServiceUpdate(oldService, service *v1.Service)
	OnServiceDelete(service *v1.Service)
	OnEndpointsAdd(endpoints *v1.Endpoints)
	OnEndpointsUpdate(oldEndpoints, endpoints *v1.Endpoints)
	OnEndpointsDelete(endpoints *v1.Endpoints)
	// Sync immediately synchronizes the Provider's current state to proxy rules.
	Sync() error
}

// ServicePortName carries a namespace + name + portname. This is the
// unique identifier for a load-balanced service.
type ServicePortName struct {
	types.NamespacedName
	Port     string
	Protocol v1.Protocol
}

func (spn ServicePortName) String() string {
	port := ""
	if spn.Port != "" {
		port = ":" + spn.Port
	}
	return spn.NamespacedName.String() + port
}

// ServicePort is the proxy's view of one port of a service.
type ServicePort struct {
	ClusterIP net.IP
	Port      int
	Protocol  v1.Protocol
	NodePort  int
}

func (sp *ServicePort) String() string {
	return net.JoinHostPort(sp.ClusterIP.String(), strconv.Itoa(sp.Port)) + "/" + string(sp.Protocol)
}

// Endpoint is one backend of a service port.
type Endpoint struct {
	IP       string
	Port     int
	Ready    bool
	NodeName string
}

func (e Endpoint) String() string { return net.JoinHostPort(e.IP, strconv.Itoa(e.Port)) }

// ServicePortMap maps a service to its ServicePort.
type ServicePortMap map[ServicePortName]*ServicePort

// EndpointsMap maps a service to its endpoints.
type EndpointsMap map[ServicePortName][]Endpoint

// ServiceChangeTracker carries state about uncommitted changes to an arbitrary number of
// Services, keyed by their namespace and name.
type ServiceChangeTracker struct {
	mu      sync.Mutex
	current map[types.NamespacedName]*v1.Service
	dirty   sets.Set[types.NamespacedName]
}

// NewServiceChangeTracker initializes a ServiceChangeTracker.
func NewServiceChangeTracker() *ServiceChangeTracker {
	return &ServiceChangeTracker{current: map[types.NamespacedName]*v1.Service{}, dirty: sets.New[types.NamespacedName]()}
}

// Update records a change; previous or current may be nil for add and delete.
// It returns true when the set of pending changes is non-empty.
func (sct *ServiceChangeTracker) Update(previous, current *v1.Service) bool {
	svc := current
	if svc == nil {
		svc = previous
	}
	if svc == nil {
		return false
	}
	nn := types.NamespacedName{Namespace: svc.Namespace, Name: svc.Name}
	sct.mu.Lock()
	defer sct.mu.Unlock()
	if current == nil {
		delete(sct.current, nn)
	} else {
		sct.current[nn] = current
	}
	sct.dirty.Insert(nn)
	return len(sct.dirty) > 0
}

// PendingChanges returns the services changed since the last Checkpoint.
func (sct *ServiceChangeTracker) PendingChanges() sets.Set[types.NamespacedName] {
	sct.mu.Lock()
	defer sct.mu.Unlock()
	return sct.dirty.Clone()
}

// Checkpoint returns the ServicePortMap of all known services and clears the pending changes.
func (sct *ServiceChangeTracker) Checkpoint() ServicePortMap {
	sct.mu.Lock()
	defer sct.mu.Unlock()
	sct.dirty = sets.New[types.NamespacedName]()
	m := ServicePortMap{}
	for nn, svc := range sct.current {
		ip := net.ParseIP(svc.Spec.ClusterIP)
		if ip == nil {
			// Headless services and services without an IP are not proxied.
			continue
		}
		for _, port := range svc.Spec.Ports {
			protocol := port.Protocol
			if protocol == "" {
				protocol = v1.ProtocolTCP
			}
			spn := ServicePortName{NamespacedName: nn, Port: port.Name, Protocol: protocol}
			m[spn] = &ServicePort{ClusterIP: ip, Port: int(port.Port), Protocol: protocol, NodePort: int(port.NodePort)}
		}
	}
	return m
}

// EndpointsChangeTracker carries state about uncommitted changes to Endpoints.
type EndpointsChangeTracker struct {
	mu      sync.Mutex
	current map[types.NamespacedName]*v1.Endpoints
	dirty   bool
}

// NewEndpointsChangeTracker initializes an EndpointsChangeTracker.
func NewEndpointsChangeTracker() *EndpointsChangeTracker {
	return &EndpointsChangeTracker{current: map[types.NamespacedName]*v1.Endpoints{}}
}

// Update records a change to an Endpoints object.
func (ect *EndpointsChangeTracker) Update(previous, current *v1.Endpoints) bool {
	ep := current
	if ep == nil {
		ep = previous
	}
	if ep == nil {
		return false
	}
	nn := types.NamespacedName{Namespace: ep.Namespace, Name: ep.Name}
	ect.mu.Lock()
	defer ect.mu.Unlock()
	if current == nil {
		delete(ect.current, nn)
	} else {
		ect.current[nn] = current
	}
	ect.dirty = true
	return true
}

// Checkpoint returns the EndpointsMap of all known endpoints, ordered by address.
func (ect *EndpointsChangeTracker) Checkpoint() EndpointsMap {
	ect.mu.Lock()
	defer ect.mu.Unlock()
	ect.dirty = false
	m := EndpointsMap{}
	for nn, ep := range ect.current {
		for _, subset := range ep.Subsets {
			for _, port := range subset.Ports {
				protocol := port.Protocol
				if protocol == "" {
					protocol = v1.ProtocolTCP
				}
				spn := ServicePortName{NamespacedName: nn, Port: port.Name, Protocol: protocol}
				add := func(addr v1.EndpointAddress, ready bool) {
					e := Endpoint{IP: addr.IP, Port: int(port.Port), Ready: ready}
					if addr.NodeName != nil {
						e.NodeName = *addr.NodeName
					}
					m[spn] = append(m[spn], e)
				}
				for _, addr := range subset.Addresses {
					add(addr, true)
				}
				for _, addr := range subset.NotReadyAddresses {
					add(addr, false)
				}
			}
		}
	}
	for spn := range m {
		eps := m[spn]
		sort.Slice(eps, func(i, j int) bool { return eps[i].String() < eps[j].String() })
	}
	return m
}

// ReadyEndpoints filters the endpoints that can receive traffic.
func ReadyEndpoints(eps []Endpoint) []Endpoint {
	var out []Endpoint
	for _, e := range eps {
		if e.Ready {
			out = append(out, e)
		}
	}
	return out
}

// ValidateMode checks a --proxy-mode value.
func ValidateMode(mode string) error {
	switch mode {
	case "", "iptables":
		return nil
	}
	return fmt.Errorf("unsupported proxy mode %q", mode)
}
