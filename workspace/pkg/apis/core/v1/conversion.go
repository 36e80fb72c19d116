// Package v1 wires the versioned k8s.io/api/core/v1 types to the internal
// core types: registration, defaulting and conversion.
package v1

import (
	"encoding/json"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"k8s.io/kubernetes/pkg/apis/core"
)

var (
	localSchemeBuilder = &v1.SchemeBuilder
	// AddToScheme registers the versioned types together with their defaults.
	AddToScheme = localSchemeBuilder.AddToScheme
)

func init() {
	localSchemeBuilder.Register(addDefaultingFuncs)
}

func addDefaultingFuncs(scheme *runtime.Scheme) error {
	scheme.AddTypeDefaultingFunc(&v1.Pod{}, func(obj runtime.Object) { SetObjectDefaults_Pod(obj.(*v1.Pod)) })
	return nil
}

// SetObjectDefaults_Pod fills in the defaults of a versioned pod.
func SetObjectDefaults_Pod(in *v1.Pod) {
	if in.Spec.RestartPolicy == "" {
		in.Spec.RestartPolicy = v1.RestartPolicyAlways
	}
	if in.Spec.SchedulerName == "" {
		in.Spec.SchedulerName = v1.DefaultSchedulerName
	}
	if in.Spec.TerminationGracePeriodSeconds == nil {
		period := int64(30)
		in.Spec.TerminationGracePeriodSeconds = &period
	}
	for i := range in.Spec.Containers {
		c := &in.Spec.Containers[i]
		if c.ImagePullPolicy == "" {
			c.ImagePullPolicy = v1.PullIfNotPresent
		}
		for j := range c.Ports {
			if c.Ports[j].Protocol == "" {
				c.Ports[j].Protocol = v1.ProtocolTCP
			}
		}
	}
	if in.Status.Phase == "" {
		in.Status.Phase = v1.PodPending
	}
}

// The internal and v1 types share their serialized field names, so a
// conversion is a round trip through the wire format. Fields that exist
// only on one side are dropped.
func convert(in, out interface{}) error {
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// Convert_v1_Pod_To_core_Pod converts a versioned pod to the internal type.
func Convert_v1_Pod_To_core_Pod(in *v1.Pod, out *core.Pod) error {
	if err := convert(in, out); err != nil {
		return err
	}
	out.APIVersion, out.Kind = "", ""
	return nil
}

// Convert_core_Pod_To_v1_Pod converts an internal pod to the versioned type.
func Convert_core_Pod_To_v1_Pod(in *core.Pod, out *v1.Pod) error {
	if err := convert(in, out); err != nil {
		return err
	}
	out.APIVersion, out.Kind = "v1", "Pod"
	return nil
}

// Convert_v1_Node_To_core_Node converts a versioned node to the internal type.
func Convert_v1_Node_To_core_Node(in *v1.Node, out *core.Node) error {
	if err := convert(in, out); err != nil {
		return err
	}
	out.APIVersion, out.Kind = "", ""
	return nil
}

// Convert_core_Node_To_v1_Node converts an internal node to the versioned type.
func Convert_core_Node_To_v1_Node(in *core.Node, out *v1.Node) error {
	if err := convert(in, out); err != nil {
		return err
	}
	out.APIVersion, out.Kind = "v1", "Node"
	return nil
}
