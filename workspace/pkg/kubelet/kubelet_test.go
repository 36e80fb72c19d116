package kubelet

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
)

func TestDryRunDescribesNode(t *testing.T) {
	dir := t.TempDir()
	manifest := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"kube-proxy","namespace":"kube-system"},
	"spec":{"containers":[{"name":"kube-proxy","image":"registry.k8s.io/kube-proxy:v1.27.3",
	"resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"100m","memory":"64Mi"}}}]}}`
	if err := os.WriteFile(filepath.Join(dir, "kube-proxy.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	o := NewOptions()
	o.HostnameOverride = "Worker-1"
	o.PodManifestPath = dir
	o.SystemReserved = "memory=512Mi"
	o.MakeIPTablesUtilChains = false
	o.DryRun = true
	var out bytes.Buffer
	if err := Run(o, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"node: worker-1\n",
		"memory=7580Mi",
		"static pod: kube-proxy-worker-1_kube-system qos=Guaranteed cgroup=/kubepods.slice/kubepods-pod",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output misses %q:\n%s", want, out.String())
		}
	}
}

func TestParseResourceList(t *testing.T) {
	rl, err := parseResourceList("cpu=200m,memory=1Gi")
	if err != nil {
		t.Fatal(err)
	}
	if rl.Cpu().String() != "200m" || rl.Memory().String() != "1Gi" {
		t.Errorf("got %v", rl)
	}
	for _, bad := range []string{"gpu=1", "cpu", "memory=-1Gi"} {
		if _, err := parseResourceList(bad); err == nil {
			t.Errorf("expected error for %q", bad)
		}
	}
	if _, ok := rl[v1.ResourcePods]; ok {
		t.Error("pods should not be set")
	}
}
