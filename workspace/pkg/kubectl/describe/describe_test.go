package describe

import (
	"context"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

// normalize collapses the column alignment so assertions do not depend on padding.
func normalize(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

func TestDescribePodAndNode(t *testing.T) {
	client := fake.NewSimpleClientset(
		&v1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default", Labels: map[string]string{"tier": "frontend", "app": "web"}},
			Spec: v1.PodSpec{NodeName: "node-1", Containers: []v1.Container{{
				Name: "nginx", Image: "nginx:1.25", Ports: []v1.ContainerPort{{ContainerPort: 80}},
				Resources: v1.ResourceRequirements{Requests: v1.ResourceList{v1.ResourceCPU: resource.MustParse("250m")}},
			}}},
			Status: v1.PodStatus{Phase: v1.PodRunning, PodIP: "10.244.1.5"},
		},
		&v1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: "node-1"},
			Spec:       v1.NodeSpec{Taints: []v1.Taint{{Key: "dedicated", Value: "web", Effect: v1.TaintEffectNoSchedule}}},
			Status:     v1.NodeStatus{Capacity: v1.ResourceList{v1.ResourceCPU: resource.MustParse("4")}},
		},
	)
	d, ok := DescriberFor("pods", client)
	if !ok {
		t.Fatal("no pod describer")
	}
	out, err := d.Describe(context.Background(), "default", "web-0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Name: web-0\n", "Labels: app=web\ntier=frontend\n", "Port: 80/TCP\n", "cpu: 250m\n"} {
		if !strings.Contains(normalize(out), want) {
			t.Errorf("pod description misses %q:\n%s", want, out)
		}
	}

	d, _ = DescriberFor("nodes", client)
	out, err = d.Describe(context.Background(), "", "node-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Taints: dedicated=web:NoSchedule\n", "Non-terminated Pods: (1 in total)\n", "default web-0\n"} {
		if !strings.Contains(normalize(out), want) {
			t.Errorf("node description misses %q:\n%s", want, out)
		}
	}
	if _, ok := DescriberFor("secrets", client); ok {
		t.Error("unexpected describer for secrets")
	}
}
