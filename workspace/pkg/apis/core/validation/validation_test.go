package validation

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"k8s.io/kubernetes/pkg/apis/core"
)

func validPod() *core.Pod {
	return &core.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec: core.PodSpec{
			RestartPolicy: core.RestartPolicyAlways,
			Containers: []core.Container{{
				Name:  "nginx",
				Image: "nginx:1.25",
				Ports: []core.ContainerPort{{ContainerPort: 80}},
				Resources: core.ResourceRequirements{
					Requests: core.ResourceList{core.ResourceCPU: resource.MustParse("100m")},
					Limits:   core.ResourceList{core.ResourceCPU: resource.MustParse("1")},
				},
			}},
		},
	}
}

func TestValidatePod(t *testing.T) {
	if errs := ValidatePod(validPod()); len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}

	pod := validPod()
	pod.Name = "Web_0"
	pod.Spec.Containers = append(pod.Spec.Containers, pod.Spec.Containers[0])
	pod.Spec.Containers[0].Resources.Requests[core.ResourceCPU] = resource.MustParse("2")
	pod.Spec.Containers[0].Ports[0].ContainerPort = 70000
	errs := ValidatePod(pod)
	for _, want := range []string{"metadata.name", "Duplicate value", "must be less than or equal to cpu limit", "containerPort"} {
		if !strings.Contains(strings.Join(errs, "\n"), want) {
			t.Errorf("expected an error mentioning %q, got %v", want, errs)
		}
	}
}

func TestValidateNode(t *testing.T) {
	node := &core.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "node-1"},
		Spec:       core.NodeSpec{Taints: []core.Taint{{Key: "dedicated", Value: "gpu", Effect: "Sometimes"}}},
		Status: core.NodeStatus{
			Capacity:    core.ResourceList{core.ResourceMemory: resource.MustParse("4Gi")},
			Allocatable: core.ResourceList{core.ResourceMemory: resource.MustParse("8Gi")},
		},
	}
	if errs := ValidateNode(node); len(errs) != 2 {
		t.Errorf("expected 2 errors, got %v", errs)
	}
}
