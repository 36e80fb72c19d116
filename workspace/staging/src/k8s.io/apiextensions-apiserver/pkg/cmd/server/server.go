// Package server holds the options and command of the apiextensions-apiserver.
package server

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apiserver"
)

// Options are the flags of the apiextensions-apiserver.
type Options struct {
	BindAddress string
	CRDFiles    stringSlice
	DryRun      bool
}

type stringSlice []string

func (s *stringSlice) String() string     { return fmt.Sprint(*s) }
func (s *stringSlice) Set(v string) error { *s = append(*s, v); return nil }

// AddFlags registers the options on fs.
func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.BindAddress, "bind-address", "127.0.0.1:8444", "address to serve on")
	fs.Var(&o.CRDFiles, "crd", "JSON file with a CustomResourceDefinition to establish at start (repeatable)")
	fs.BoolVar(&o.DryRun, "dry-run", false, "establish the definitions, print the served resources and exit")
}

// Run establishes the configured definitions and serves them.
func (o *Options) Run(out io.Writer) error {
	crds := apiserver.New()
	for _, path := range o.CRDFiles {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var crd apiextensionsv1.CustomResourceDefinition
		if err := json.Unmarshal(data, &crd); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if err := crds.Establish(&crd); err != nil {
			return err
		}
	}
	if o.DryRun {
		for _, gr := range crds.Resources() {
			fmt.Fprintln(out, gr.String())
		}
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: o.BindAddress, Handler: crds, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	logs.Infof("apiextensions-apiserver serving on %s", o.BindAddress)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// NewServerCommand provides the apiextensions-apiserver command.
func NewServerCommand() *cli.Command {
	o := &Options{}
	return &cli.Command{
		Name:     "apiextensions-apiserver",
		Short:    "Serves CustomResourceDefinitions and custom resources",
		AddFlags: o.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %v", args)
			}
			return o.Run(out)
		},
	}
}
