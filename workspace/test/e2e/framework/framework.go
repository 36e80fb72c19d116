// Package framework is what the e2e tests share, as Kubernetes' test/e2e/framework is.
// Only tests import it, so only the e2e.test binary is built from it.
package framework

import "k8s.io/component-base/version"

// SIGPrefix tags a test with the special interest group that owns it.
const SIGPrefix = "[sig-testing] "

// Describe names a test the way the e2e suite reports it.
func Describe(text string) string {
	return SIGPrefix + text
}

// BuildVersion is the gitVersion the build stamped into the test binary.
func BuildVersion() string {
	return version.Get().GitVersion
}
