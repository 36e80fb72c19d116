// The kube-scheduler assigns pending pods to nodes.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/scheduler"
)

func main() {
	cli.Main(scheduler.NewSchedulerCommand())
}
