package get

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

func testClient() *fake.Clientset {
	created := metav1.NewTime(time.Date(2023, 6, 1, 12, 0, 0, 0, time.UTC))
	return fake.NewSimpleClientset(
		&v1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default", Labels: map[string]string{"app": "web"}, CreationTimestamp: created},
			Spec:       v1.PodSpec{NodeName: "node-1", Containers: []v1.Container{{Name: "nginx", Image: "nginx:1.25"}}},
			Status:     v1.PodStatus{Phase: v1.PodRunning, ContainerStatuses: []v1.ContainerStatus{{Name: "nginx", Ready: true, RestartCount: 2}}},
		},
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "db-0", Namespace: "default", Labels: map[string]string{"app": "db"}, CreationTimestamp: created}},
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "coredns", Namespace: "kube-system", CreationTimestamp: created}},
	)
}

func run(t *testing.T, o *Options, args ...string) string {
	t.Helper()
	o.Now = func() time.Time { return time.Date(2023, 6, 1, 12, 5, 0, 0, time.UTC) }
	var out bytes.Buffer
	if err := o.Run(context.Background(), testClient(), "default", args, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestGetTable(t *testing.T) {
	got := run(t, &Options{LabelSelector: "app=web"}, "po")
	want := "NAME      READY     STATUS    RESTARTS   AGE\nweb-0     1/1       Running   2          5m\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// The fake clientset lists in namespace/name order.
	if got := run(t, &Options{AllNamespaces: true, Output: "name"}, "pods"); got != "pod/db-0\npod/web-0\npod/coredns\n" {
		t.Errorf("name output = %q", got)
	}
}

func TestGetYAML(t *testing.T) {
	got := run(t, &Options{Output: "yaml"}, "pods", "web-0")
	for _, want := range []string{"metadata:\n  creationTimestamp: \"2023-06-01T12:00:00Z\"\n", "  name: web-0\n", "spec:\n  containers:\n  - image: nginx:1.25\n    name: nginx\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("yaml output misses %q:\n%s", want, got)
		}
	}
	var out bytes.Buffer
	if err := (&Options{}).Run(context.Background(), testClient(), "default", []string{"pods", "missing"}, &out); err == nil {
		t.Error("expected not found error")
	}
	if err := (&Options{Output: "toml"}).Run(context.Background(), testClient(), "default", []string{"pods"}, &out); err == nil {
		t.Error("expected invalid output format error")
	}
}
