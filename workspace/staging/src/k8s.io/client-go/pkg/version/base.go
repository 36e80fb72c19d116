// Package version supplies the client's build version information.
package version

// Base version information.
//
// This is the fallback data used when version information from git is not
// provided via go ldflags. The build scripts set these with
// -X k8s.io/client-go/pkg/version.gitVersion=... and friends, mirroring
// k8s.io/component-base/version.
var (
	// gitMajor and gitMinor are the major and minor parts of the version,
	// e.g. "1" and "27" (a "+" suffix marks a dirty or untagged build).
	gitMajor string // major version, always numeric
	gitMinor string // minor version, numeric possibly followed by "+"

	// gitVersion is the semantic version; the default is replaced by
	// `git archive` with a commit hash or by -ldflags at build time.
	gitVersion   = "v0.0.0-master+$Format:%H$"
	gitCommit    = "$Format:%H$" // sha1 from git, output of $(git rev-parse HEAD)
	gitTreeState = ""            // state of git tree, either "clean" or "dirty"

	buildDate = "1970-01-01T00:00:00Z" // build date in ISO8601 format, output of $(date -u +'%Y-%m-%dT%H:%M:%SZ')
)
