// Package controllermanager implements the kube-controller-manager: it
// runs the core control loops that regulate the state of the cluster.
package controllermanager

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"

	"k8s.io/kubernetes/pkg/controller/deployment"
	"k8s.io/kubernetes/pkg/controller/nodelifecycle"
	"k8s.io/kubernetes/pkg/controller/replicaset"
	"k8s.io/kubernetes/pkg/features"
)

// InitFunc starts one controller loop; it returns a sync function to run periodically.
type InitFunc func(client kubernetes.Interface, o *Options) func(ctx context.Context) error

// NewControllerInitializers is a public map of named controller groups.
func NewControllerInitializers() map[string]InitFunc {
	return map[string]InitFunc{
		"deployment": func(client kubernetes.Interface, _ *Options) func(ctx context.Context) error {
			dc := deployment.NewDeploymentController(client)
			return func(ctx context.Context) error {
				list, err := client.AppsV1().Deployments(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
				if err != nil {
					return err
				}
				for _, d := range list.Items {
					if err := dc.SyncDeployment(ctx, d.Namespace+"/"+d.Name); err != nil {
						return err
					}
				}
				return nil
			}
		},
		"replicaset": func(client kubernetes.Interface, _ *Options) func(ctx context.Context) error {
			rsc := replicaset.NewReplicaSetController(client, replicaset.BurstReplicas)
			return func(ctx context.Context) error { return rsc.SyncAll(ctx, metav1.NamespaceAll) }
		},
		"nodelifecycle": func(client kubernetes.Interface, o *Options) func(ctx context.Context) error {
			nc := nodelifecycle.NewNodeLifecycleController(client, o.NodeMonitorGracePeriod)
			return nc.MonitorNodeHealth
		},
	}
}

// Options are the flags of the controller manager.
type Options struct {
	Master                 string
	Controllers            []string
	NodeMonitorGracePeriod time.Duration
	SyncPeriod             time.Duration
	DryRun                 bool
}

// NewOptions returns the defaults.
func NewOptions() *Options {
	return &Options{
		Controllers:            []string{"*"},
		NodeMonitorGracePeriod: 40 * time.Second,
		SyncPeriod:             10 * time.Second,
	}
}

// AddFlags registers the options.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Master, "master", o.Master, "the address of the Kubernetes API server")
	fs.Func("controllers", "a list of controllers to enable; '*' enables all, 'foo' enables foo, '-foo' disables foo", func(v string) error {
		o.Controllers = strings.Split(v, ",")
		return nil
	})
	fs.DurationVar(&o.NodeMonitorGracePeriod, "node-monitor-grace-period", o.NodeMonitorGracePeriod, "amount of time a running node may be unresponsive before it is marked unhealthy")
	fs.DurationVar(&o.SyncPeriod, "sync-period", o.SyncPeriod, "how often the controllers resync")
	fs.Func("feature-gates", "a set of key=value pairs that describe feature gates", features.FeatureGateFlag{}.Set)
	fs.BoolVar(&o.DryRun, "dry-run", o.DryRun, "print the enabled controllers and exit")
}

// EnabledControllers resolves the --controllers list against the known controllers.
func (o *Options) EnabledControllers() ([]string, error) {
	known := sets.KeySet(NewControllerInitializers())
	enabled := sets.New[string]()
	for _, c := range o.Controllers {
		c = strings.TrimSpace(c)
		switch {
		case c == "*":
			enabled = enabled.Union(known)
		case strings.HasPrefix(c, "-"):
			enabled.Delete(c[1:])
		case known.Has(c):
			enabled.Insert(c)
		default:
			return nil, fmt.Errorf("%q is not in the list of known controllers", c)
		}
	}
	list := sets.List(enabled)
	sort.Strings(list)
	return list, nil
}

// Run runs the enabled controllers until interrupted.
func Run(o *Options, out io.Writer) error {
	enabled, err := o.EnabledControllers()
	if err != nil {
		return err
	}
	if o.DryRun {
		for _, name := range enabled {
			fmt.Fprintf(out, "controller %s enabled\n", name)
		}
		return nil
	}
	if o.Master == "" {
		return fmt.Errorf("--master is required")
	}
	client, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 30 * time.Second})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	inits := NewControllerInitializers()
	for _, name := range enabled {
		name, sync := name, inits[name](client, o)
		go wait.Until(func() {
			if err := sync(ctx); err != nil {
				logs.Errorf("controller %s: %v", name, err)
			}
		}, o.SyncPeriod, ctx.Done())
		logs.Infof("Started %q", name)
	}
	<-ctx.Done()
	return nil
}

// NewControllerManagerCommand creates the kube-controller-manager command.
func NewControllerManagerCommand() *cli.Command {
	o := NewOptions()
	return &cli.Command{
		Name:     "kube-controller-manager",
		Short:    "Runs the core control loops shipped with Kubernetes",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			return Run(o, out)
		},
	}
}
