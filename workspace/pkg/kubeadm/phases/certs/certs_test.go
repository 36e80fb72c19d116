package certs

import (
	"crypto/x509"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestCreatePKIAssets(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	written, err := CreatePKIAssets(dir, "control-plane-1", net.ParseIP("192.168.0.10"), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("written = %v", written)
	}
	read := func(name string) *x509.Certificate {
		data, err := os.ReadFile(filepath.Join(dir, name+".crt"))
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(data)
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		return cert
	}
	ca, serving := read("ca"), read("apiserver")
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	if _, err := serving.Verify(x509.VerifyOptions{Roots: pool, DNSName: "kubernetes.default.svc.cluster.local", CurrentTime: now.Add(time.Hour)}); err != nil {
		t.Errorf("serving certificate does not verify: %v", err)
	}
	if err := serving.VerifyHostname("10.96.0.1"); err != nil {
		t.Errorf("serving certificate lacks the service IP: %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "ca.key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("ca.key mode = %v, %v", info.Mode().Perm(), err)
	}
}
