package verflag

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"strings"
	"testing"

	"k8s.io/component-base/version"
)

func parse(t *testing.T, args ...string) *Version {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	v := AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return v
}

func TestVersionFlag(t *testing.T) {
	var buf bytes.Buffer
	v := parse(t, "--version")
	if !v.Requested() {
		t.Fatal("expected version to be requested")
	}
	if err := v.Print(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "Kubernetes " + version.Get().GitVersion + "\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}

	buf.Reset()
	if err := parse(t, "--version=raw").Print(&buf); err != nil {
		t.Fatal(err)
	}
	var info map[string]string
	if err := json.Unmarshal(buf.Bytes(), &info); err != nil {
		t.Fatalf("raw output is not JSON: %v", err)
	}
	for _, field := range []string{"gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform", "major", "minor"} {
		if _, ok := info[field]; !ok {
			t.Errorf("raw output misses %s", field)
		}
	}

	if parse(t, "--version=false").Requested() {
		t.Error("--version=false should not request version output")
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	AddFlags(fs)
	if err := fs.Parse([]string{"--version=maybe"}); err == nil || !strings.Contains(err.Error(), "invalid value") {
		t.Errorf("expected invalid value error, got %v", err)
	}
}
