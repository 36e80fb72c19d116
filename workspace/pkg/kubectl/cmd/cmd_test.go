package cmd

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
)

func fakeClient(objects ...*v1.Pod) ClientFunc {
	return func(string) (kubernetes.Interface, error) {
		client := fake.NewSimpleClientset()
		for _, p := range objects {
			if _, err := client.CoreV1().Pods(p.Namespace).Create(context.Background(), p, metav1.CreateOptions{}); err != nil {
				return nil, err
			}
		}
		return client, nil
	}
}

func TestUsageIsEmbedded(t *testing.T) {
	if !strings.HasPrefix(Usage(), "kubectl controls the Kubernetes cluster manager.") {
		t.Errorf("unexpected usage text %q", Usage())
	}
}

func TestDispatch(t *testing.T) {
	clients := fakeClient(
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "a", Namespace: "team-a"}},
		&v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "b", Namespace: "default"}},
	)
	var out bytes.Buffer
	if err := Run(context.Background(), clients, []string{"get", "pods", "-n", "team-a", "-o", "name"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if out.String() != "pod/a\n" {
		t.Errorf("get output = %q", out.String())
	}
	out.Reset()
	if err := Run(context.Background(), clients, []string{"describe", "po", "b"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "Name:") {
		t.Errorf("describe output = %q", out.String())
	}
	out.Reset()
	if err := Run(context.Background(), clients, []string{"version"}, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "Client Version: v") {
		t.Errorf("version output = %q, %v", out.String(), err)
	}
	if err := Run(context.Background(), clients, []string{"apply"}, io.Discard, io.Discard); err == nil {
		t.Error("expected unknown command error")
	}
}
