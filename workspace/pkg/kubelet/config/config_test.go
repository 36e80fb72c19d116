package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestReadPodsFromDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("etcd.json", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"etcd","namespace":"kube-system"},"spec":{"containers":[{"name":"etcd","image":"registry.k8s.io/etcd:3.5.9-0"}]}}`)
	write("README.md", "not a manifest")
	pods, err := ReadPodsFromDir(dir, "Node-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(pods) != 1 {
		t.Fatalf("expected 1 pod, got %d", len(pods))
	}
	pod := pods[0]
	if pod.Name != "etcd-node-1" || pod.Spec.NodeName != "Node-1" || pod.UID == "" {
		t.Errorf("defaults not applied: name=%q node=%q uid=%q", pod.Name, pod.Spec.NodeName, pod.UID)
	}
	if pod.Spec.RestartPolicy != v1.RestartPolicyAlways {
		t.Errorf("scheme defaults not applied: restartPolicy=%q", pod.Spec.RestartPolicy)
	}

	write("broken.json", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"broken"},"spec":{"containers":[]}}`)
	if _, err := ReadPodsFromDir(dir, "node-1"); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("expected validation error for broken.json, got %v", err)
	}
}

func TestMerge(t *testing.T) {
	c := NewPodConfig(10)
	mk := func(name, hash string) *v1.Pod {
		return &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns", Annotations: map[string]string{"kubernetes.io/config.hash": hash}}}
	}
	if got := c.Merge(FileSource, []*v1.Pod{mk("a", "1"), mk("b", "1")}); len(got) != 1 || got[0].Op != ADD || len(got[0].Pods) != 2 {
		t.Fatalf("first merge = %+v", got)
	}
	got := c.Merge(FileSource, []*v1.Pod{mk("a", "2"), mk("c", "1")})
	ops := map[PodOperation]string{}
	for _, u := range got {
		ops[u.Op] = u.Pods[0].Name
	}
	if ops[ADD] != "c" || ops[UPDATE] != "a" || ops[REMOVE] != "b" {
		t.Errorf("second merge ops = %v", ops)
	}
	if len(c.Updates()) != 4 {
		t.Errorf("expected 4 buffered updates, got %d", len(c.Updates()))
	}
}
