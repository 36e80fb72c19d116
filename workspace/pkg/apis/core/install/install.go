// Package install installs the core API group, making it available as an
// option to all of the API encoding/decoding machinery.
package install

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/core"
	corev1 "k8s.io/kubernetes/pkg/apis/core/v1"
)

func init() {
	Install(legacyscheme.Scheme)
}

// Install registers the API group and adds types to a scheme.
func Install(scheme *runtime.Scheme) {
	must(core.AddToScheme(scheme))
	must(corev1.AddToScheme(scheme))
	must(scheme.SetVersionPriority(schema.GroupVersion{Group: core.GroupName, Version: "v1"}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
