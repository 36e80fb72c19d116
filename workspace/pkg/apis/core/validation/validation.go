// Package validation validates internal core objects before they are
// persisted.
package validation

import (
	"fmt"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"

	"k8s.io/kubernetes/pkg/apis/core"
)

// ErrorList holds "path: message" validation failures.
type ErrorList []string

func (l *ErrorList) add(path, format string, args ...interface{}) {
	*l = append(*l, path+": "+fmt.Sprintf(format, args...))
}

var supportedRestartPolicies = sets.New(core.RestartPolicyAlways, core.RestartPolicyOnFailure, core.RestartPolicyNever)

var supportedTaintEffects = sets.New(core.TaintEffectNoSchedule, core.TaintEffectPreferNoSchedule, core.TaintEffectNoExecute)

// ValidateObjectMeta validates the name, namespace and labels of an object.
func ValidateObjectMeta(name, namespace string, labels map[string]string, requiresNamespace bool) ErrorList {
	var errs ErrorList
	if name == "" {
		errs.add("metadata.name", "Required value: name or generateName is required")
	} else {
		for _, msg := range validation.IsDNS1123Subdomain(name) {
			errs.add("metadata.name", "Invalid value: %q: %s", name, msg)
		}
	}
	if requiresNamespace {
		if namespace == "" {
			errs.add("metadata.namespace", "Required value")
		} else {
			for _, msg := range validation.IsDNS1123Label(namespace) {
				errs.add("metadata.namespace", "Invalid value: %q: %s", namespace, msg)
			}
		}
	} else if namespace != "" {
		errs.add("metadata.namespace", "Forbidden: not allowed on this type")
	}
	for k, v := range labels {
		for _, msg := range validation.IsQualifiedName(k) {
			errs.add("metadata.labels", "Invalid value: %q: %s", k, msg)
		}
		for _, msg := range validation.IsValidLabelValue(v) {
			errs.add("metadata.labels", "Invalid value: %q: %s", v, msg)
		}
	}
	return errs
}

// ValidatePod tests if required fields in the pod are set.
func ValidatePod(pod *core.Pod) ErrorList {
	errs := ValidateObjectMeta(pod.Name, pod.Namespace, pod.Labels, true)
	errs = append(errs, ValidatePodSpec(&pod.Spec, "spec")...)
	return errs
}

// ValidatePodSpec tests that the specified PodSpec has valid data.
func ValidatePodSpec(spec *core.PodSpec, path string) ErrorList {
	var errs ErrorList
	if len(spec.Containers) == 0 {
		errs.add(path+".containers", "Required value")
	}
	names := sets.New[string]()
	for i, c := range append(append([]core.Container{}, spec.InitContainers...), spec.Containers...) {
		cpath := fmt.Sprintf("%s.containers[%d]", path, i)
		if c.Name == "" {
			errs.add(cpath+".name", "Required value")
		} else if names.Has(c.Name) {
			errs.add(cpath+".name", "Duplicate value: %q", c.Name)
		} else {
			for _, msg := range validation.IsDNS1123Label(c.Name) {
				errs.add(cpath+".name", "Invalid value: %q: %s", c.Name, msg)
			}
		}
		names.Insert(c.Name)
		if c.Image == "" {
			errs.add(cpath+".image", "Required value")
		}
		for j, p := range c.Ports {
			for _, msg := range validation.IsValidPortNum(int(p.ContainerPort)) {
				errs.add(fmt.Sprintf("%s.ports[%d].containerPort", cpath, j), "Invalid value: %d: %s", p.ContainerPort, msg)
			}
		}
		errs = append(errs, ValidateResourceRequirements(&c.Resources, cpath+".resources")...)
	}
	if spec.RestartPolicy != "" && !supportedRestartPolicies.Has(spec.RestartPolicy) {
		errs.add(path+".restartPolicy", "Unsupported value: %q", spec.RestartPolicy)
	}
	for i, t := range spec.Tolerations {
		tpath := fmt.Sprintf("%s.tolerations[%d]", path, i)
		if t.Operator == core.TolerationOpExists && t.Value != "" {
			errs.add(tpath+".operator", "Invalid value: value must be empty when `operator` is 'Exists'")
		}
		if t.TolerationSeconds != nil && t.Effect != core.TaintEffectNoExecute {
			errs.add(tpath+".effect", "Invalid value: effect must be 'NoExecute' when `tolerationSeconds` is set")
		}
	}
	if spec.TerminationGracePeriodSeconds != nil && *spec.TerminationGracePeriodSeconds < 0 {
		errs.add(path+".terminationGracePeriodSeconds", "Invalid value: must be >= 0")
	}
	return errs
}

// ValidateResourceRequirements checks that requests do not exceed limits.
func ValidateResourceRequirements(req *core.ResourceRequirements, path string) ErrorList {
	var errs ErrorList
	for name, q := range req.Limits {
		if q.Sign() < 0 {
			errs.add(path+".limits["+string(name)+"]", "Invalid value: %q: must be greater than or equal to 0", q.String())
		}
	}
	for name, q := range req.Requests {
		if q.Sign() < 0 {
			errs.add(path+".requests["+string(name)+"]", "Invalid value: %q: must be greater than or equal to 0", q.String())
		}
		if limit, ok := req.Limits[name]; ok && q.Cmp(limit) > 0 {
			errs.add(path+".requests["+string(name)+"]", "Invalid value: %q: must be less than or equal to %s limit of %s", q.String(), name, limit.String())
		}
	}
	return errs
}

// ValidateNode tests if required fields in the node are set.
func ValidateNode(node *core.Node) ErrorList {
	errs := ValidateObjectMeta(node.Name, node.Namespace, node.Labels, false)
	for i, t := range node.Spec.Taints {
		tpath := fmt.Sprintf("spec.taints[%d]", i)
		for _, msg := range validation.IsQualifiedName(t.Key) {
			errs.add(tpath+".key", "Invalid value: %q: %s", t.Key, msg)
		}
		if !supportedTaintEffects.Has(t.Effect) {
			errs.add(tpath+".effect", "Unsupported value: %q", t.Effect)
		}
	}
	for name, q := range node.Status.Capacity {
		alloc, ok := node.Status.Allocatable[name]
		if ok && alloc.Cmp(q) > 0 {
			errs.add("status.allocatable["+string(name)+"]", "Invalid value: must not exceed capacity %s", q.String())
		}
	}
	zero := resource.Quantity{}
	if pods, ok := node.Status.Capacity[core.ResourcePods]; ok && pods.Cmp(zero) <= 0 {
		errs.add("status.capacity[pods]", "Invalid value: must be positive")
	}
	return errs
}
