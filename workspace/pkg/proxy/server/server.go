// Package server builds and runs kube-proxy: it watches services and
// endpoints through the API server and keeps the iptables rules of the
// node in sync with them.
package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"

	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/proxy"
	proxyconfig "k8s.io/kubernetes/pkg/proxy/config"
	"k8s.io/kubernetes/pkg/proxy/iptables"
	utiliptables "k8s.io/kubernetes/pkg/util/iptables"
	utilnode "k8s.io/kubernetes/pkg/util/node"
)

// Options contains everything necessary to create and run a proxy server.
type Options struct {
	HostnameOverride string
	Master           string
	Mode             string
	SyncPeriod       time.Duration
	ConfigSyncPeriod time.Duration
	DryRun           bool
}

// NewOptions returns initialized Options.
func NewOptions() *Options {
	return &Options{Mode: "iptables", SyncPeriod: 30 * time.Second, ConfigSyncPeriod: 15 * time.Minute}
}

// AddFlags adds flags to fs and binds them to options.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.HostnameOverride, "hostname-override", o.HostnameOverride, "if non-empty, will be used as the name of the Node that kube-proxy is running on")
	fs.StringVar(&o.Master, "master", o.Master, "the address of the Kubernetes API server")
	fs.StringVar(&o.Mode, "proxy-mode", o.Mode, "which proxy mode to use: only 'iptables' is supported")
	fs.DurationVar(&o.SyncPeriod, "iptables-sync-period", o.SyncPeriod, "the maximum interval of how often iptables rules are refreshed")
	fs.DurationVar(&o.ConfigSyncPeriod, "config-sync-period", o.ConfigSyncPeriod, "how often configuration from the apiserver is refreshed")
	fs.Func("feature-gates", "a set of key=value pairs that describe feature gates", features.FeatureGateFlag{}.Set)
	fs.BoolVar(&o.DryRun, "dry-run", o.DryRun, "print the proxy configuration and exit")
}

// Validate validates all the required options.
func (o *Options) Validate() error {
	if err := proxy.ValidateMode(o.Mode); err != nil {
		return err
	}
	if o.SyncPeriod <= 0 {
		return fmt.Errorf("--iptables-sync-period must be greater than 0")
	}
	return nil
}

// ProxyServer represents all the parameters required to start the Kubernetes proxy server.
type ProxyServer struct {
	Client     kubernetes.Interface
	Proxier    *iptables.Proxier
	Hostname   string
	SyncPeriod time.Duration
	ConfigSync time.Duration
}

// NewProxyServer returns a new ProxyServer.
func NewProxyServer(o *Options) (*ProxyServer, error) {
	hostname, err := utilnode.GetHostname(o.HostnameOverride)
	if err != nil {
		return nil, err
	}
	ipt := utiliptables.New(utiliptables.ProtocolIPv4)
	return &ProxyServer{
		Proxier:    iptables.NewProxier(ipt, hostname),
		Hostname:   hostname,
		SyncPeriod: o.SyncPeriod,
		ConfigSync: o.ConfigSyncPeriod,
	}, nil
}

// Run runs the specified ProxyServer. This should never exit (unless ctx is cancelled).
func (s *ProxyServer) Run(ctx context.Context) error {
	serviceConfig := proxyconfig.NewServiceConfig(ctx, s.Client)
	serviceConfig.RegisterEventHandler(s.Proxier)
	go serviceConfig.Run(s.ConfigSync, ctx.Done())

	endpointsConfig := proxyconfig.NewEndpointsConfig(ctx, s.Client)
	endpointsConfig.RegisterEventHandler(s.Proxier)
	go endpointsConfig.Run(s.ConfigSync, ctx.Done())

	wait.Until(func() {
		if err := s.Proxier.Sync(); err != nil {
			logs.Errorf("Failed to sync proxy rules: %v", err)
		}
	}, s.SyncPeriod, ctx.Done())
	return nil
}

// NewProxyCommand creates the kube-proxy command.
func NewProxyCommand() *cli.Command {
	o := NewOptions()
	return &cli.Command{
		Name:     "kube-proxy",
		Short:    "Reflects services and endpoints into packet filter rules on each node",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			if err := o.Validate(); err != nil {
				return err
			}
			s, err := NewProxyServer(o)
			if err != nil {
				return err
			}
			if o.DryRun {
				fmt.Fprintf(out, "hostname: %s\nmode: %s\nsync period: %s\n", s.Hostname, o.Mode, s.SyncPeriod)
				_, err := out.Write(s.Proxier.SyncRules())
				return err
			}
			if o.Master == "" {
				return fmt.Errorf("--master is required")
			}
			client, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 30 * time.Second})
			if err != nil {
				return err
			}
			s.Client = client
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return s.Run(ctx)
		},
	}
}
