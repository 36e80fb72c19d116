// The kube-proxy programs the service virtual IPs of the cluster into
// the packet filters of each node.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/proxy/server"
)

func main() {
	cli.Main(server.NewProxyCommand())
}
