// The kubelet binary is responsible for maintaining a set of containers
// on a particular host VM. It syncs data from a local manifest directory
// as well as from the API server.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubelet"
)

func main() {
	cli.Main(kubelet.NewKubeletCommand())
}
