// The apiserver is the entry point of the cluster: it validates and
// stores API objects and serves them to all other components.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubeapiserver"
)

func main() {
	cli.Main(kubeapiserver.NewAPIServerCommand())
}
