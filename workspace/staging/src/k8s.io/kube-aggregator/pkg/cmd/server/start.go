// Package server holds the options and command of the kube-aggregator.
package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
	"k8s.io/kube-aggregator/pkg/apiserver"
)

// AggregatorOptions contains everything necessary to create and run an aggregator.
type AggregatorOptions struct {
	BindAddress string
	Master      string
	DryRun      bool
}

// NewDefaultOptions builds a "normal" set of options.
func NewDefaultOptions() *AggregatorOptions {
	return &AggregatorOptions{BindAddress: "127.0.0.1:8443"}
}

// AddFlags registers the options on fs.
func (o *AggregatorOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.BindAddress, "bind-address", o.BindAddress, "address to serve on")
	fs.StringVar(&o.Master, "master", o.Master, "address of the Kubernetes API server used to resolve services")
	fs.BoolVar(&o.DryRun, "dry-run", o.DryRun, "print the served API groups and exit")
}

// DefaultAPIServices are the group versions served by the local API server.
func DefaultAPIServices() []*apiregistrationv1.APIService {
	mk := func(group, version string, groupPrio, versionPrio int32) *apiregistrationv1.APIService {
		s := &apiregistrationv1.APIService{Spec: apiregistrationv1.APIServiceSpec{
			Group: group, Version: version, GroupPriorityMinimum: groupPrio, VersionPriority: versionPrio,
		}}
		s.ObjectMeta = metav1.ObjectMeta{Name: version + "." + group}
		return s
	}
	return []*apiregistrationv1.APIService{
		mk("", "v1", 18000, 1),
		mk("apps", "v1", 17800, 15),
		mk("apiregistration.k8s.io", "v1", 18000, 15),
	}
}

// Run builds the aggregator and serves until interrupted.
func (o *AggregatorOptions) Run(out io.Writer) error {
	var resolver apiserver.ServiceResolver
	if o.Master != "" {
		client, err := kubernetes.NewForConfig(&rest.Config{Host: o.Master, Timeout: 10 * time.Second})
		if err != nil {
			return err
		}
		resolver = &apiserver.ClusterIPServiceResolver{Client: client}
	}
	local := http.NotFoundHandler()
	aggregator := apiserver.New(local, resolver)
	for _, s := range DefaultAPIServices() {
		if err := aggregator.AddAPIService(s); err != nil {
			return err
		}
	}
	if o.DryRun {
		for _, g := range aggregator.Groups() {
			name := g.Name
			if name == "" {
				name = "core"
			}
			fmt.Fprintf(out, "%s %v (preferred %s)\n", name, g.Versions, g.PreferredVersion)
		}
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: o.BindAddress, Handler: aggregator, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	logs.Infof("kube-aggregator serving on %s", o.BindAddress)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// NewCommandStartAggregator provides the kube-aggregator command.
func NewCommandStartAggregator() *cli.Command {
	o := NewDefaultOptions()
	return &cli.Command{
		Name:     "kube-aggregator",
		Short:    "Aggregates API servers behind one endpoint",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			return o.Run(out)
		},
	}
}
