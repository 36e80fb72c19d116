// kubectl is the command line client of the Kubernetes API.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubectl/cmd"
)

func main() {
	cli.Main(cmd.NewDefaultKubectlCommand())
}
