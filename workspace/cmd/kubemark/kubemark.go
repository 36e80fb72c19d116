// kubemark runs hollow node components for scalability testing.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/kubemark"
)

func main() {
	cli.Main(kubemark.NewHollowNodeCommand())
}
