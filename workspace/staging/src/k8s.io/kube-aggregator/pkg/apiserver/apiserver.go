// Package apiserver contains the aggregator: a registry of APIServices and
// the HTTP handler that routes API group requests to them.
package apiserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/kubernetes"
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
)

// ServiceResolver knows how to convert a service reference into an actual location.
type ServiceResolver interface {
	ResolveEndpoint(namespace, name string, port int32) (*url.URL, error)
}

// ClusterIPServiceResolver resolves services through their cluster IP.
type ClusterIPServiceResolver struct {
	Client kubernetes.Interface
}

// ResolveEndpoint implements ServiceResolver.
func (r *ClusterIPServiceResolver) ResolveEndpoint(namespace, name string, port int32) (*url.URL, error) {
	svc, err := r.Client.CoreV1().Services(namespace).Get(context.TODO(), name, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	if svc.Spec.ClusterIP == "" || svc.Spec.ClusterIP == "None" {
		return nil, fmt.Errorf("service %s/%s has no cluster IP", namespace, name)
	}
	return &url.URL{Scheme: "https", Host: net.JoinHostPort(svc.Spec.ClusterIP, strconv.Itoa(int(port)))}, nil
}

// APIAggregator serves /apis discovery and routes group versions to
// local or remote handlers.
type APIAggregator struct {
	mu       sync.RWMutex
	local    http.Handler
	resolver ServiceResolver
	services map[string]*apiregistrationv1.APIService
	proxies  map[schema.GroupVersion]http.Handler
}

// New returns an aggregator that serves local APIServices with local.
func New(local http.Handler, resolver ServiceResolver) *APIAggregator {
	return &APIAggregator{
		local:    local,
		resolver: resolver,
		services: map[string]*apiregistrationv1.APIService{},
		proxies:  map[schema.GroupVersion]http.Handler{},
	}
}

// ValidateAPIService checks the name and priorities of an APIService.
func ValidateAPIService(s *apiregistrationv1.APIService) []string {
	var errs []string
	gv := schema.GroupVersion{Group: s.Spec.Group, Version: s.Spec.Version}
	if want := apiregistrationv1.APIServiceName(gv); s.Name != want {
		errs = append(errs, fmt.Sprintf("metadata.name: must be %q", want))
	}
	if s.Spec.Group != "" {
		for _, msg := range validation.IsDNS1123Subdomain(s.Spec.Group) {
			errs = append(errs, "spec.group: "+msg)
		}
	}
	for _, msg := range validation.IsDNS1123Label(s.Spec.Version) {
		errs = append(errs, "spec.version: "+msg)
	}
	if s.Spec.GroupPriorityMinimum <= 0 || s.Spec.GroupPriorityMinimum > 20000 {
		errs = append(errs, "spec.groupPriorityMinimum: "+validation.InclusiveRangeError(1, 20000))
	}
	if s.Spec.VersionPriority <= 0 || s.Spec.VersionPriority > 1000 {
		errs = append(errs, "spec.versionPriority: "+validation.InclusiveRangeError(1, 1000))
	}
	return errs
}

// AddAPIService registers or updates an APIService.
func (a *APIAggregator) AddAPIService(s *apiregistrationv1.APIService) error {
	if errs := ValidateAPIService(s); len(errs) > 0 {
		return fmt.Errorf("invalid APIService %q: %s", s.Name, strings.Join(errs, "; "))
	}
	gv := schema.GroupVersion{Group: s.Spec.Group, Version: s.Spec.Version}
	handler := a.local
	if s.Spec.Service != nil {
		port := int32(443)
		if s.Spec.Service.Port != nil {
			port = *s.Spec.Service.Port
		}
		target, err := a.resolver.ResolveEndpoint(s.Spec.Service.Namespace, s.Spec.Service.Name, port)
		if err != nil {
			return err
		}
		handler = httputil.NewSingleHostReverseProxy(target)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.services[s.Name] = s
	a.proxies[gv] = handler
	return nil
}

// RemoveAPIService unregisters an APIService by name.
func (a *APIAggregator) RemoveAPIService(name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if s, ok := a.services[name]; ok {
		delete(a.proxies, schema.GroupVersion{Group: s.Spec.Group, Version: s.Spec.Version})
		delete(a.services, name)
	}
}

// APIGroup is a discovery entry for one group.
type APIGroup struct {
	Name             string   `json:"name"`
	Versions         []string `json:"versions"`
	PreferredVersion string   `json:"preferredVersion"`
}

// Groups returns the served groups ordered by priority, highest first,
// with versions ordered the same way inside each group.
func (a *APIAggregator) Groups() []APIGroup {
	a.mu.RLock()
	defer a.mu.RUnlock()
	byGroup := map[string][]*apiregistrationv1.APIService{}
	for _, s := range a.services {
		byGroup[s.Spec.Group] = append(byGroup[s.Spec.Group], s)
	}
	names := sets.KeySet(byGroup)
	groups := make([]APIGroup, 0, len(names))
	priority := map[string]int32{}
	for _, name := range sets.List(names) {
		services := byGroup[name]
		sort.Slice(services, func(i, j int) bool {
			if services[i].Spec.VersionPriority != services[j].Spec.VersionPriority {
				return services[i].Spec.VersionPriority > services[j].Spec.VersionPriority
			}
			return services[i].Spec.Version < services[j].Spec.Version
		})
		g := APIGroup{Name: name}
		for _, s := range services {
			g.Versions = append(g.Versions, s.Spec.Version)
			if s.Spec.GroupPriorityMinimum > priority[name] {
				priority[name] = s.Spec.GroupPriorityMinimum
			}
		}
		g.PreferredVersion = g.Versions[0]
		groups = append(groups, g)
	}
	sort.SliceStable(groups, func(i, j int) bool { return priority[groups[i].Name] > priority[groups[j].Name] })
	return groups
}

// ServeHTTP implements http.Handler.
func (a *APIAggregator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) == 1 && parts[0] == "apis" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]interface{}{"kind": "APIGroupList", "groups": a.Groups()})
		return
	}
	var gv schema.GroupVersion
	switch {
	case len(parts) >= 2 && parts[0] == "api":
		gv = schema.GroupVersion{Version: parts[1]}
	case len(parts) >= 3 && parts[0] == "apis":
		gv = schema.GroupVersion{Group: parts[1], Version: parts[2]}
	default:
		http.NotFound(w, r)
		return
	}
	a.mu.RLock()
	handler := a.proxies[gv]
	a.mu.RUnlock()
	if handler == nil {
		http.Error(w, fmt.Sprintf("the server could not find the requested resource (%s)", gv), http.StatusNotFound)
		return
	}
	handler.ServeHTTP(w, r)
}
