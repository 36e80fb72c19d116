// Package helper has functions that answer questions about versioned core
// objects: taints and tolerations, and resource names.
package helper

import (
	"strings"

	v1 "k8s.io/api/core/v1"

	"k8s.io/kubernetes/pkg/apis/core"
)

// IsExtendedResourceName returns true if the resource name is not in the
// default namespace and not a requests-prefixed name.
func IsExtendedResourceName(name v1.ResourceName) bool {
	if IsNativeResource(name) || strings.HasPrefix(string(name), "requests.") {
		return false
	}
	return strings.Contains(string(name), "/")
}

// IsNativeResource returns true if the resource name is in the
// *kubernetes.io/ namespace. Partially-qualified (unprefixed) names are
// implicitly in the kubernetes.io/ namespace.
func IsNativeResource(name v1.ResourceName) bool {
	return !strings.Contains(string(name), "/") ||
		strings.Contains(string(name), core.ResourceDefaultNamespacePrefix)
}

// ToleratesTaint checks if the toleration tolerates the taint.
// An empty effect means match all effects; an empty key with operator
// Exists matches all keys and values.
func ToleratesTaint(toleration *v1.Toleration, taint *v1.Taint) bool {
	if len(toleration.Effect) > 0 && toleration.Effect != taint.Effect {
		return false
	}
	if len(toleration.Key) > 0 && toleration.Key != taint.Key {
		return false
	}
	switch toleration.Operator {
	case "", v1.TolerationOpEqual:
		return toleration.Value == taint.Value
	case v1.TolerationOpExists:
		return true
	default:
		return false
	}
}

// TolerationsTolerateTaint checks if taint is tolerated by any of the tolerations.
func TolerationsTolerateTaint(tolerations []v1.Toleration, taint *v1.Taint) bool {
	for i := range tolerations {
		if ToleratesTaint(&tolerations[i], taint) {
			return true
		}
	}
	return false
}

// FindMatchingUntoleratedTaint returns the first taint with an effect
// accepted by inclusionFilter that is not tolerated.
func FindMatchingUntoleratedTaint(taints []v1.Taint, tolerations []v1.Toleration, inclusionFilter func(*v1.Taint) bool) (v1.Taint, bool) {
	for _, taint := range taints {
		taint := taint
		if inclusionFilter != nil && !inclusionFilter(&taint) {
			continue
		}
		if !TolerationsTolerateTaint(tolerations, &taint) {
			return taint, true
		}
	}
	return v1.Taint{}, false
}

// GetMatchingTolerations returns true and the list of tolerations matching
// all taints if every taint is tolerated.
func GetMatchingTolerations(taints []v1.Taint, tolerations []v1.Toleration) (bool, []v1.Toleration) {
	if len(taints) == 0 {
		return true, []v1.Toleration{}
	}
	if len(tolerations) == 0 {
		return false, []v1.Toleration{}
	}
	var result []v1.Toleration
	for i := range taints {
		tolerated := false
		for j := range tolerations {
			if ToleratesTaint(&tolerations[j], &taints[i]) {
				result = append(result, tolerations[j])
				tolerated = true
				break
			}
		}
		if !tolerated {
			return false, []v1.Toleration{}
		}
	}
	return true, result
}
