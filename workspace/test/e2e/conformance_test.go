package e2e_test

import (
	"testing"

	"k8s.io/kubernetes/test/e2e/framework"
)

// An external test package (package e2e_test): go test -c compiles it into the same binary.
func TestConformanceNodeLifecycle(t *testing.T) {
	if framework.Describe("node") == "" {
		t.Fatal("empty test name")
	}
}
