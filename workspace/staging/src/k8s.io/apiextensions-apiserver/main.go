// The apiextensions-apiserver serves CustomResourceDefinitions and the
// custom resources they define.
package main

import (
	"k8s.io/apiextensions-apiserver/pkg/cmd/server"
	"k8s.io/component-base/cli"
)

func main() {
	cli.Main(server.NewServerCommand())
}
