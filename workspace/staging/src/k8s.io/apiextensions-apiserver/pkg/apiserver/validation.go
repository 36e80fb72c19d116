package apiserver

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// ValidateCustomResourceDefinition statically validates a CRD.
func ValidateCustomResourceDefinition(crd *apiextensionsv1.CustomResourceDefinition) []string {
	var errs []string
	spec := crd.Spec
	if want := spec.Names.Plural + "." + spec.Group; crd.Name != want {
		errs = append(errs, fmt.Sprintf("metadata.name: must be spec.names.plural+\".\"+spec.group (%q)", want))
	}
	if len(strings.Split(spec.Group, ".")) < 2 {
		errs = append(errs, "spec.group: should be a domain with at least one dot")
	}
	for _, msg := range validation.IsDNS1123Subdomain(spec.Group) {
		errs = append(errs, "spec.group: "+msg)
	}
	for _, msg := range validation.IsDNS1123Label(spec.Names.Plural) {
		errs = append(errs, "spec.names.plural: "+msg)
	}
	if spec.Names.Kind == "" {
		errs = append(errs, "spec.names.kind: Required value")
	}
	if spec.Scope != apiextensionsv1.ClusterScoped && spec.Scope != apiextensionsv1.NamespaceScoped {
		errs = append(errs, fmt.Sprintf("spec.scope: Unsupported value: %q", spec.Scope))
	}
	if len(spec.Versions) == 0 {
		errs = append(errs, "spec.versions: must have exactly one version marked as storage version")
		return errs
	}
	seen := sets.New[string]()
	storage := 0
	for i, v := range spec.Versions {
		if seen.Has(v.Name) {
			errs = append(errs, fmt.Sprintf("spec.versions[%d].name: Duplicate value: %q", i, v.Name))
		}
		seen.Insert(v.Name)
		for _, msg := range validation.IsDNS1123Label(v.Name) {
			errs = append(errs, fmt.Sprintf("spec.versions[%d].name: %s", i, msg))
		}
		if v.Storage {
			storage++
		}
	}
	if storage != 1 {
		errs = append(errs, "spec.versions: must have exactly one version marked as storage version")
	}
	return errs
}
