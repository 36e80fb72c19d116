// kubeadm bootstraps Kubernetes control plane nodes.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubeadm/cmd"
)

func main() {
	cli.Main(cmd.NewKubeadmCommand())
}
