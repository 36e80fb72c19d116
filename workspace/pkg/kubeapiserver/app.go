package kubeapiserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"
	"sigs.k8s.io/yaml"
)

// NewAPIServerCommand creates the kube-apiserver command.
func NewAPIServerCommand() *cli.Command {
	s := NewServerRunOptions()
	return &cli.Command{
		Name:     "kube-apiserver",
		Short:    "The Kubernetes API server validates and configures data for the api objects",
		AddFlags: s.AddFlags,
		Run: func(out io.Writer, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("%q does not take any arguments, got %q", "kube-apiserver", args)
			}
			if errs := s.Validate(); len(errs) > 0 {
				return fmt.Errorf("invalid options: %v", errs)
			}
			return Run(s, out)
		},
	}
}

// Run runs the specified APIServer until interrupted.
func Run(s *ServerRunOptions, out io.Writer) error {
	if s.DumpConfig {
		data, err := yaml.Marshal(s)
		if err != nil {
			return err
		}
		_, err = out.Write(data)
		return err
	}
	server, err := NewServer(s)
	if err != nil {
		return err
	}
	if s.DryRun {
		kubernetesServiceIP, _ := ServiceIPRangeFirstIP(s.ServiceClusterIPRange)
		fmt.Fprintf(out, "kubernetes service IP: %s\n", kubernetesServiceIP)
		for _, route := range server.Routes() {
			fmt.Fprintf(out, "serving %s\n", route)
		}
		return nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	httpServer := &http.Server{Addr: s.BindAddress, Handler: server.Handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		_ = httpServer.Shutdown(shutdownCtx)
	}()
	logs.Infof("Serving insecurely on %s", s.BindAddress)
	if err := httpServer.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
