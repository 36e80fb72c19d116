// The kube-aggregator serves the aggregation layer: it registers
// APIServices and proxies their API groups to backing services.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kube-aggregator/pkg/cmd/server"
)

func main() {
	cli.Main(server.NewCommandStartAggregator())
}
