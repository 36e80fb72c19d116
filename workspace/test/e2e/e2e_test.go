// Package e2e holds only tests: `go test -c` builds them into e2e.test, which
// runs against a cluster (here the tests stand alone).
package e2e

import (
	"strings"
	"testing"

	"k8s.io/kubernetes/test/e2e/framework"
)

func TestE2E(t *testing.T) {
	if got := framework.Describe("e2e"); !strings.HasPrefix(got, framework.SIGPrefix) {
		t.Fatalf("Describe gave %q", got)
	}
}

// TestBuildVersion prints the stamped version, so a built e2e.test shows it.
func TestBuildVersion(t *testing.T) {
	t.Logf("gitVersion %s", framework.BuildVersion())
}
