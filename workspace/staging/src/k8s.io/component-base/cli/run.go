// Package cli runs the command line of a Kubernetes component: it parses
// flags, answers --version, and hands over to the component.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/component-base/logs"
	"k8s.io/component-base/version/verflag"
)

// Command describes one component binary.
type Command struct {
	// Name is the binary name, printed when the command runs without arguments.
	Name string
	// Short is a one-line description used in the usage text.
	Short string
	// AddFlags registers the component's own flags.
	AddFlags func(fs *flag.FlagSet)
	// Run executes the component with the non-flag arguments. Output goes to out.
	Run func(out io.Writer, args []string) error
}

// Run executes cmd with args (without the program name), writing to stdout
// and stderr, and returns the process exit code.
//
// Without arguments the command prints its name and exits successfully.
// --version prints "Kubernetes <gitVersion>"; --version=raw prints the
// full version information as JSON.
func Run(cmd *Command, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stdout, cmd.Name)
		return 0
	}

	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s - %s\n\nUsage:\n  %s [flags]\n\nFlags:\n", cmd.Name, cmd.Short, cmd.Name)
		fs.PrintDefaults()
	}
	ver := verflag.AddFlags(fs)
	logOpts := logs.NewOptions()
	logOpts.AddFlags(fs)
	if cmd.AddFlags != nil {
		cmd.AddFlags(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if ver.Requested() {
		if err := ver.Print(stdout); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		return 0
	}
	if err := logOpts.Validate(); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd.Name, err)
		return 2
	}
	logOpts.Apply()
	if cmd.Run == nil {
		fmt.Fprintln(stdout, cmd.Name)
		return 0
	}
	if err := cmd.Run(stdout, fs.Args()); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd.Name, err)
		return 1
	}
	return 0
}

// Main runs cmd with the process arguments and exits with its code.
func Main(cmd *Command) {
	os.Exit(Run(cmd, os.Args[1:], os.Stdout, os.Stderr))
}
