package env

import (
	"testing"
	"time"
)

func TestFallbacks(t *testing.T) {
	t.Setenv("KUBE_TEST_STRING", "value")
	t.Setenv("KUBE_TEST_INT", "42")
	t.Setenv("KUBE_TEST_BAD_INT", "forty-two")
	t.Setenv("KUBE_TEST_DURATION", "90s")

	if got := GetEnvAsStringOrFallback("KUBE_TEST_STRING", "x"); got != "value" {
		t.Errorf("string = %q", got)
	}
	if got := GetEnvAsStringOrFallback("KUBE_TEST_UNSET", "x"); got != "x" {
		t.Errorf("fallback string = %q", got)
	}
	if got, err := GetEnvAsIntOrFallback("KUBE_TEST_INT", 1); err != nil || got != 42 {
		t.Errorf("int = %d, %v", got, err)
	}
	if got, err := GetEnvAsIntOrFallback("KUBE_TEST_BAD_INT", 1); err == nil || got != 1 {
		t.Errorf("bad int = %d, %v", got, err)
	}
	if got, err := GetEnvAsDurationOrFallback("KUBE_TEST_DURATION", time.Second); err != nil || got != 90*time.Second {
		t.Errorf("duration = %v, %v", got, err)
	}
}
