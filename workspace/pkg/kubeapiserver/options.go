// Package kubeapiserver builds and runs the Kubernetes API server: the
// core resource storage, the CustomResourceDefinition server and the
// aggregation layer in front of both.
package kubeapiserver

import (
	"flag"
	"fmt"
	"math/big"
	"net"
	"strings"

	"k8s.io/kubernetes/pkg/features"
)

// DefaultServiceClusterIPRange is used when --service-cluster-ip-range is unset.
const DefaultServiceClusterIPRange = "10.0.0.0/24"

// ServerRunOptions runs a kubernetes api server.
type ServerRunOptions struct {
	BindAddress             string   `json:"bindAddress"`
	AdvertiseAddress        string   `json:"advertiseAddress,omitempty"`
	ServiceClusterIPRange   string   `json:"serviceClusterIPRange"`
	EnableAggregatorRouting bool     `json:"enableAggregatorRouting"`
	AdmissionPlugins        []string `json:"admissionPlugins"`
	FeatureGates            string   `json:"featureGates,omitempty"`

	DumpConfig bool `json:"-"`
	DryRun     bool `json:"-"`
}

// NewServerRunOptions creates a new ServerRunOptions object with default parameters.
func NewServerRunOptions() *ServerRunOptions {
	return &ServerRunOptions{
		BindAddress:           "127.0.0.1:6443",
		ServiceClusterIPRange: DefaultServiceClusterIPRange,
		AdmissionPlugins:      []string{"NamespaceLifecycle", "LimitRanger", "ServiceAccount", "DefaultTolerationSeconds"},
	}
}

// AddFlags adds flags for a specific APIServer to the specified FlagSet.
func (s *ServerRunOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&s.BindAddress, "bind-address", s.BindAddress, "the address and port to serve the API on")
	fs.StringVar(&s.AdvertiseAddress, "advertise-address", s.AdvertiseAddress, "the IP address on which to advertise the apiserver to members of the cluster")
	fs.StringVar(&s.ServiceClusterIPRange, "service-cluster-ip-range", s.ServiceClusterIPRange, "a CIDR notation IP range from which to assign service cluster IPs")
	fs.BoolVar(&s.EnableAggregatorRouting, "enable-aggregator-routing", s.EnableAggregatorRouting, "turns on aggregator routing requests to endpoints IP rather than cluster IP")
	fs.Func("enable-admission-plugins", "comma-separated admission plugins to enable", func(v string) error {
		s.AdmissionPlugins = strings.Split(v, ",")
		return nil
	})
	fs.Func("feature-gates", "a set of key=value pairs that describe feature gates for alpha/experimental features", func(v string) error {
		s.FeatureGates = v
		return features.FeatureGateFlag{}.Set(v)
	})
	fs.BoolVar(&s.DumpConfig, "dump-config", s.DumpConfig, "print the effective configuration as YAML and exit")
	fs.BoolVar(&s.DryRun, "dry-run", s.DryRun, "set up the server, print what it serves and exit")
}

// Validate checks ServerRunOptions and returns a slice of found errors.
func (s *ServerRunOptions) Validate() []error {
	var errs []error
	if _, _, err := net.SplitHostPort(s.BindAddress); err != nil {
		errs = append(errs, fmt.Errorf("--bind-address %q: %v", s.BindAddress, err))
	}
	if _, err := ServiceIPRangeFirstIP(s.ServiceClusterIPRange); err != nil {
		errs = append(errs, err)
	}
	if s.AdvertiseAddress != "" && net.ParseIP(s.AdvertiseAddress) == nil {
		errs = append(errs, fmt.Errorf("--advertise-address %q is not an IP address", s.AdvertiseAddress))
	}
	return errs
}

// ServiceIPRangeFirstIP returns the first usable address of the service
// range, which is assigned to the "kubernetes" service.
func ServiceIPRangeFirstIP(cidr string) (net.IP, error) {
	_, ipnet, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, fmt.Errorf("--service-cluster-ip-range %q: %v", cidr, err)
	}
	ones, bits := ipnet.Mask.Size()
	if bits-ones < 2 {
		return nil, fmt.Errorf("--service-cluster-ip-range %q is too small", cidr)
	}
	base := new(big.Int).SetBytes(ipnet.IP)
	first := base.Add(base, big.NewInt(1)).Bytes()
	ip := make(net.IP, len(ipnet.IP))
	copy(ip[len(ip)-len(first):], first)
	return ip, nil
}
