// The kube-controller-manager runs the control loops that drive the
// cluster towards its desired state.
package main

import (
	"k8s.io/component-base/cli"

	"k8s.io/kubernetes/pkg/controllermanager"
)

func main() {
	cli.Main(controllermanager.NewControllerManagerCommand())
}
