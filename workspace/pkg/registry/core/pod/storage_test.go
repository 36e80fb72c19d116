package pod

import (
	"context"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
)

func newPod(name string) *core.Pod {
	return &core.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "web"}},
		Spec: core.PodSpec{Containers: []core.Container{{
			Name:  "app",
			Image: "busybox",
			Resources: core.ResourceRequirements{
				Requests: core.ResourceList{core.ResourceCPU: resource.MustParse("1"), core.ResourceMemory: resource.MustParse("32Mi")},
				Limits:   core.ResourceList{core.ResourceCPU: resource.MustParse("1"), core.ResourceMemory: resource.MustParse("64Mi")},
			},
		}}},
	}
}

func TestCreateBindAndList(t *testing.T) {
	ctx := context.Background()
	storage := NewREST(legacyscheme.Scheme)

	obj, err := storage.Create(ctx, newPod("web-0"))
	if err != nil {
		t.Fatal(err)
	}
	created := obj.(*core.Pod)
	if created.UID == "" || created.ResourceVersion == "" || created.Status.Phase != core.PodPending {
		t.Fatalf("create did not fill in metadata/status: %+v", created.ObjectMeta)
	}
	if created.Status.QOSClass != "Burstable" {
		t.Errorf("QOS class = %q", created.Status.QOSClass)
	}
	if _, err := storage.Create(ctx, newPod("web-0")); !apierrors.IsAlreadyExists(err) {
		t.Errorf("expected AlreadyExists, got %v", err)
	}
	invalid := newPod("web-1")
	invalid.Spec.Containers = nil
	if _, err := storage.Create(ctx, invalid); !apierrors.IsInvalid(err) {
		t.Errorf("expected Invalid, got %v", err)
	}

	if err := storage.Bind(ctx, "default", "web-0", "node-1"); err != nil {
		t.Fatal(err)
	}
	if err := storage.Bind(ctx, "default", "web-0", "node-2"); err == nil {
		t.Error("expected second binding to fail")
	}
	stale := created
	stale.Labels = map[string]string{"app": "db"}
	if _, err := storage.Update(ctx, stale); !apierrors.IsConflict(err) {
		t.Errorf("expected Conflict for stale update, got %v", err)
	}

	objs, _, err := storage.List(ctx, "default", labels.SelectorFromSet(labels.Set{"app": "web"}))
	if err != nil || len(objs) != 1 {
		t.Fatalf("list: %v %v", objs, err)
	}
	pod := objs[0].(*core.Pod)
	if pod.Spec.NodeName != "node-1" || len(pod.Status.Conditions) != 1 {
		t.Errorf("binding not persisted: node=%q conditions=%v", pod.Spec.NodeName, pod.Status.Conditions)
	}
	table := ConvertToTable([]*core.Pod{pod}, pod.CreationTimestamp.Add(90*time.Second))
	if got := table.Rows[0].Cells[3]; got != "90s" {
		t.Errorf("age cell = %v", got)
	}
}
