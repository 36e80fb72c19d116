package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestGenerateBootstrapToken(t *testing.T) {
	token, err := GenerateBootstrapToken()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[a-z0-9]{6}\.[a-z0-9]{16}$`).MatchString(token) {
		t.Errorf("malformed token %q", token)
	}
}

func TestInitWritesCertsAndManifests(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	args := []string{"init", "--node-name=cp-1", "--apiserver-advertise-address=192.168.0.10",
		"--cert-dir=" + filepath.Join(dir, "pki"), "--manifests-dir=" + filepath.Join(dir, "manifests")}
	if err := Run(context.Background(), args, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pki/ca.crt", "pki/apiserver.key", "manifests/kube-apiserver.json", "manifests/kube-scheduler.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if !strings.Contains(out.String(), "kubeadm join cp-1:6443 --token ") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
	out.Reset()
	if err := Run(context.Background(), []string{"certs", "--cert-dir=" + filepath.Join(dir, "pki")}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if out.String() != "apiserver\nca\n" {
		t.Errorf("certs output = %q", out.String())
	}
}
