package kubelet

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/features"
	"k8s.io/kubernetes/pkg/kubelet/cm"
	"k8s.io/kubernetes/pkg/kubelet/eviction"
)

// Options contains the flags of the kubelet.
type Options struct {
	HostnameOverride       string
	PodManifestPath        string
	Master                 string
	CgroupDriver           string
	SystemReserved         string
	KubeReserved           string
	EvictionHard           string
	MemoryCapacity         string
	MaxPods                int
	SyncFrequency          time.Duration
	MakeIPTablesUtilChains bool
	DryRun                 bool
}

// NewOptions returns the default kubelet options.
func NewOptions() *Options {
	return &Options{
		CgroupDriver:           cm.CgroupDriverSystemd,
		EvictionHard:           "memory.available<100Mi,nodefs.available<10%,imagefs.available<15%",
		MemoryCapacity:         "8Gi",
		MaxPods:                110,
		SyncFrequency:          time.Minute,
		MakeIPTablesUtilChains: true,
	}
}

// AddFlags registers the kubelet flags.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.HostnameOverride, "hostname-override", o.HostnameOverride, "if non-empty, will use this string as identification instead of the actual hostname")
	fs.StringVar(&o.PodManifestPath, "pod-manifest-path", o.PodManifestPath, "path to the directory containing static pod files to run")
	fs.StringVar(&o.Master, "master", o.Master, "the address of the Kubernetes API server")
	fs.StringVar(&o.CgroupDriver, "cgroup-driver", o.CgroupDriver, "driver that the kubelet uses to manipulate cgroups on the host (cgroupfs or systemd)")
	fs.StringVar(&o.SystemReserved, "system-reserved", o.SystemReserved, "resources reserved for non-kubernetes components, e.g. cpu=200m,memory=500Mi")
	fs.StringVar(&o.KubeReserved, "kube-reserved", o.KubeReserved, "resources reserved for kubernetes system components, e.g. cpu=200m,memory=500Mi")
	fs.StringVar(&o.EvictionHard, "eviction-hard", o.EvictionHard, "a set of eviction thresholds that would trigger a pod eviction")
	fs.StringVar(&o.MemoryCapacity, "memory-capacity", o.MemoryCapacity, "memory capacity reported for the node")
	fs.IntVar(&o.MaxPods, "max-pods", o.MaxPods, "number of pods that can run on this kubelet")
	fs.DurationVar(&o.SyncFrequency, "sync-frequency", o.SyncFrequency, "max period between synchronizing running containers and config")
	fs.BoolVar(&o.MakeIPTablesUtilChains, "make-iptables-util-chains", o.MakeIPTablesUtilChains, "if true, kubelet will ensure iptables utility rules are present on host")
	fs.Func("feature-gates", "a set of key=value pairs that describe feature gates", features.FeatureGateFlag{}.Set)
	fs.BoolVar(&o.DryRun, "dry-run", o.DryRun, "print the node configuration and static pods and exit")
}

// Capacity returns the resources of the node.
func (o *Options) Capacity() (v1.ResourceList, error) {
	return machineCapacity(o.MemoryCapacity, o.MaxPods)
}

// NodeConfig builds the container manager configuration.
func (o *Options) NodeConfig(thresholds []eviction.Threshold) (cm.NodeConfig, error) {
	systemReserved, err := parseResourceList(o.SystemReserved)
	if err != nil {
		return cm.NodeConfig{}, fmt.Errorf("--system-reserved: %v", err)
	}
	kubeReserved, err := parseResourceList(o.KubeReserved)
	if err != nil {
		return cm.NodeConfig{}, fmt.Errorf("--kube-reserved: %v", err)
	}
	config := cm.NodeConfig{CgroupDriver: o.CgroupDriver, SystemReserved: systemReserved, KubeReserved: kubeReserved}
	for _, t := range thresholds {
		if t.Signal == eviction.SignalMemoryAvailable && t.Value.Quantity != nil {
			config.HardEvictionMemory = *t.Value.Quantity
		}
	}
	return config, nil
}

// parseResourceList parses "cpu=100m,memory=256Mi".
func parseResourceList(s string) (v1.ResourceList, error) {
	rl := v1.ResourceList{}
	for _, kv := range strings.Split(s, ",") {
		if kv == "" {
			continue
		}
		parts := strings.SplitN(kv, "=", 2)
		if len(parts) != 2 {
			return nil, fmt.Errorf("invalid resource %q, expected name=quantity", kv)
		}
		switch name := v1.ResourceName(parts[0]); name {
		case v1.ResourceCPU, v1.ResourceMemory, v1.ResourceEphemeralStorage, v1.ResourcePods:
			q, err := resource.ParseQuantity(parts[1])
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			if q.Sign() < 0 {
				return nil, fmt.Errorf("%s: resource quantity must not be negative", name)
			}
			rl[name] = q
		default:
			return nil, fmt.Errorf("cannot reserve %q resource", name)
		}
	}
	return rl, nil
}

// NewKubeletCommand creates the kubelet command.
func NewKubeletCommand() *cli.Command {
	o := NewOptions()
	return &cli.Command{
		Name:     "kubelet",
		Short:    "The primary node agent that runs on each node",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unknown command %q", args[0])
			}
			return Run(o, out)
		},
	}
}

// Run runs the kubelet with the given options.
func Run(o *Options, out io.Writer) error {
	var client kubernetes.Interface
	if o.Master != "" {
		c, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 10 * time.Second})
		if err != nil {
			return err
		}
		client = c
	}
	kl, err := NewMainKubelet(o, client)
	if err != nil {
		return err
	}
	if o.DryRun {
		return kl.DescribeNode(out)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return kl.Run(ctx, o.SyncFrequency)
}
