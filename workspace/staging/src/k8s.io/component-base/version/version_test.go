package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestGetDefaults(t *testing.T) {
	info := Get()
	if !strings.HasPrefix(info.GitVersion, "v") {
		t.Errorf("GitVersion %q should start with v", info.GitVersion)
	}
	if info.String() != info.GitVersion {
		t.Errorf("String() = %q, want %q", info.String(), info.GitVersion)
	}
	if info.GoVersion != runtime.Version() {
		t.Errorf("GoVersion = %q", info.GoVersion)
	}
	if info.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("Platform = %q", info.Platform)
	}
}
