package v1

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// GroupName is the group name for the meta types.
const GroupName = "meta.k8s.io"

// SchemeGroupVersion is the group version used to register these objects.
var SchemeGroupVersion = schema.GroupVersion{Group: GroupName, Version: "v1"}

// Unversioned is the group version for types such as Status that are
// shared by all API groups.
var Unversioned = schema.GroupVersion{Group: "", Version: "v1"}

// AddToGroupVersion registers the common meta types in the given group version.
func AddToGroupVersion(scheme *runtime.Scheme, groupVersion schema.GroupVersion) {
	scheme.AddKnownTypeWithName(Unversioned.WithKind("Status"), &Status{})
	if groupVersion != Unversioned {
		scheme.AddKnownTypeWithName(groupVersion.WithKind("Status"), &Status{})
	}
}
