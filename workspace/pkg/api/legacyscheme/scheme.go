// Package legacyscheme holds the scheme of the built-in API groups shared
// by the API server and the components that decode those types.
package legacyscheme

import (
	"k8s.io/apimachinery/pkg/runtime"
)

// Scheme is the default instance of runtime.Scheme to which types in the
// Kubernetes API are already registered.
var Scheme = runtime.NewScheme()
