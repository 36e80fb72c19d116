package cli_test

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"

	"k8s.io/component-base/cli"
	"k8s.io/component-base/version"
)

func TestRun(t *testing.T) {
	var ran []string
	var dryRun bool
	cmd := &cli.Command{
		Name:     "demo",
		AddFlags: func(fs *flag.FlagSet) { fs.BoolVar(&dryRun, "dry-run", false, "") },
		Run: func(out io.Writer, args []string) error {
			ran = args
			return nil
		},
	}
	var out bytes.Buffer
	if code := cli.Run(cmd, nil, &out, io.Discard); code != 0 || out.String() != "demo\n" {
		t.Fatalf("no args: code=%d out=%q", code, out.String())
	}
	out.Reset()
	if code := cli.Run(cmd, []string{"--version"}, &out, io.Discard); code != 0 {
		t.Fatalf("--version exit code %d", code)
	}
	if want := "Kubernetes " + version.Get().GitVersion + "\n"; out.String() != want {
		t.Errorf("--version printed %q, want %q", out.String(), want)
	}
	if code := cli.Run(cmd, []string{"--dry-run", "a", "b"}, io.Discard, io.Discard); code != 0 || !dryRun || strings.Join(ran, " ") != "a b" {
		t.Errorf("run: code=%d dryRun=%v args=%v", code, dryRun, ran)
	}
	if code := cli.Run(cmd, []string{"--no-such-flag"}, io.Discard, io.Discard); code != 2 {
		t.Errorf("unknown flag exit code %d, want 2", code)
	}
}
