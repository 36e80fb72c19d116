package kubemark

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"

	utilenv "k8s.io/kubernetes/pkg/util/env"
	utilnode "k8s.io/kubernetes/pkg/util/node"
)

// Morphs a hollow node can take.
const (
	MorphProxy = "proxy"
)

// HollowNodeConfig is the configuration of one hollow node. Values not set
// by flags are read from the environment, as set by the kubemark pod spec.
type HollowNodeConfig struct {
	NodeName   string
	Morph      string
	Master     string
	SyncPeriod time.Duration
	DryRun     bool
}

// AddFlags registers the hollow node flags.
func (c *HollowNodeConfig) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.NodeName, "name", "", "name of this hollow node (defaults to $NODE_NAME or the hostname)")
	fs.StringVar(&c.Morph, "morph", "", "specifies into which hollow component this binary should morph; only \"proxy\" is supported (defaults to $MORPH)")
	fs.StringVar(&c.Master, "master", "", "the address of the Kubernetes API server (defaults to $KUBEMARK_MASTER)")
	fs.DurationVar(&c.SyncPeriod, "sync-period", 0, "how often the hollow component syncs (defaults to $KUBEMARK_SYNC_PERIOD or 30s)")
	fs.BoolVar(&c.DryRun, "dry-run", false, "print the resolved configuration and exit")
}

// Complete fills unset values from the environment and defaults.
func (c *HollowNodeConfig) Complete() error {
	if c.NodeName == "" {
		c.NodeName = utilenv.GetEnvAsStringOrFallback("NODE_NAME", "")
	}
	name, err := utilnode.GetHostname(c.NodeName)
	if err != nil {
		return err
	}
	c.NodeName = name
	if c.Morph == "" {
		c.Morph = utilenv.GetEnvAsStringOrFallback("MORPH", MorphProxy)
	}
	if c.Master == "" {
		c.Master = utilenv.GetEnvAsStringOrFallback("KUBEMARK_MASTER", "")
	}
	if c.SyncPeriod == 0 {
		if c.SyncPeriod, err = utilenv.GetEnvAsDurationOrFallback("KUBEMARK_SYNC_PERIOD", 30*time.Second); err != nil {
			return fmt.Errorf("KUBEMARK_SYNC_PERIOD: %v", err)
		}
	}
	if c.Morph != MorphProxy {
		return fmt.Errorf("unknown morph: %q", c.Morph)
	}
	return nil
}

// NewHollowNodeCommand creates the kubemark command.
func NewHollowNodeCommand() *cli.Command {
	c := &HollowNodeConfig{}
	return &cli.Command{
		Name:     "kubemark",
		Short:    "Runs hollow node components against a real control plane",
		AddFlags: c.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			if err := c.Complete(); err != nil {
				return err
			}
			if c.DryRun {
				fmt.Fprintf(out, "hollow %s %s (sync every %s)\n", c.Morph, c.NodeName, c.SyncPeriod)
				return nil
			}
			if c.Master == "" {
				return fmt.Errorf("--master or $KUBEMARK_MASTER is required")
			}
			client, err := kubernetes.NewForConfig(&rest.Config{Host: c.Master, Timeout: 30 * time.Second})
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			NewHollowProxy(c.NodeName, client).Run(ctx, c.SyncPeriod)
			return nil
		},
	}
}
