// Package cmd is the root of the kubectl command tree: it parses the
// global flags and dispatches to the subcommands.
package cmd

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	clientversion "k8s.io/client-go/pkg/version"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubectl/cmd/get"
	"k8s.io/kubernetes/pkg/kubectl/describe"
)

//go:embed usage.txt
var usage string

// Usage returns the help text of kubectl.
func Usage() string { return usage }

// ConfigFlags are the flags shared by every subcommand.
type ConfigFlags struct {
	Server    string
	Namespace string
}

// AddFlags registers the shared flags.
func (f *ConfigFlags) AddFlags(fs *flag.FlagSet) {
	def := os.Getenv("KUBERNETES_MASTER")
	if def == "" {
		def = "http://localhost:8080"
	}
	fs.StringVar(&f.Server, "server", def, "the address and port of the Kubernetes API server")
	fs.StringVar(&f.Server, "s", def, "the address and port of the Kubernetes API server")
	fs.StringVar(&f.Namespace, "namespace", metav1.NamespaceDefault, "the namespace scope for this request")
	fs.StringVar(&f.Namespace, "n", metav1.NamespaceDefault, "the namespace scope for this request")
}

// ClientFunc builds the client used by the subcommands.
type ClientFunc func(server string) (kubernetes.Interface, error)

// DefaultClientFunc talks to server over HTTP.
func DefaultClientFunc(server string) (kubernetes.Interface, error) {
	return kubernetes.NewForConfig(&rest.Config{Host: server, Timeout: 30 * time.Second})
}

// parseInterspersed parses flags that may appear before, between or after
// positional arguments, and returns the positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// Run executes "kubectl <args>", writing to out.
func Run(ctx context.Context, newClient ClientFunc, args []string, out, errOut io.Writer) error {
	if len(args) == 0 {
		_, err := io.WriteString(out, usage)
		return err
	}
	command, rest := args[0], args[1:]
	fs := flag.NewFlagSet("kubectl "+command, flag.ContinueOnError)
	fs.SetOutput(errOut)
	config := &ConfigFlags{}
	config.AddFlags(fs)
	switch command {
	case "help", "--help", "-h":
		_, err := io.WriteString(out, usage)
		return err
	case "version":
		info := clientversion.Get()
		fmt.Fprintf(out, "Client Version: %s\n", info.GitVersion)
		return nil
	case "get":
		o := get.NewOptions()
		o.AddFlags(fs)
		positional, err := parseInterspersed(fs, rest)
		if err != nil {
			return err
		}
		client, err := newClient(config.Server)
		if err != nil {
			return err
		}
		return o.Run(ctx, client, config.Namespace, positional, out)
	case "describe":
		positional, err := parseInterspersed(fs, rest)
		if err != nil {
			return err
		}
		if len(positional) < 2 {
			return fmt.Errorf("you must specify the type of resource and the name to describe")
		}
		resource, err := get.ResolveResource(positional[0])
		if err != nil {
			return err
		}
		client, err := newClient(config.Server)
		if err != nil {
			return err
		}
		d, ok := describe.DescriberFor(resource, client)
		if !ok {
			return fmt.Errorf("no description has been implemented for %s", resource)
		}
		for i, name := range positional[1:] {
			s, err := d.Describe(ctx, config.Namespace, name)
			if err != nil {
				return err
			}
			if i > 0 {
				fmt.Fprintln(out)
			}
			if _, err := io.WriteString(out, s); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown command %q for \"kubectl\"\nRun 'kubectl help' for usage", strings.TrimSpace(command))
}

// NewDefaultKubectlCommand creates the kubectl command.
func NewDefaultKubectlCommand() *cli.Command {
	return &cli.Command{
		Name:  "kubectl",
		Short: "kubectl controls the Kubernetes cluster manager",
		Run: func(out io.Writer, args []string) error {
			return Run(context.Background(), DefaultClientFunc, args, out, os.Stderr)
		},
	}
}
