import { parseGoDecls } from './decls';

describe('parseGoDecls', () => {
  it('reads the string vars of a Kubernetes-style base.go', () => {
    const d = parseGoDecls(`// Package version supplies version information.
package version

// Base version information.
var (
	gitMajor string // major version, always numeric
	gitMinor string

	// gitVersion is the semantic version.
	gitVersion   = "v0.0.0-master+$Format:%H$"
	gitCommit    = "$Format:%H$" // sha1 from git
	gitTreeState = ""

	buildDate = "1970-01-01T00:00:00Z"
	count     = 3
	parts     = []string{"a", "b"}
)
`);
    expect(d.packageName).toBe('version');
    expect(d.stringVars).toEqual(['gitMajor', 'gitMinor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate']);
  });

  it.each([
    ['var Version = "dev"', ['Version']],
    ['var Version string', ['Version']],
    ['var a, b string', ['a', 'b']],
    ['var a, b = "x", 2', ['a']],
    ['var raw = `v1`', ['raw']],
    ['var n int', []],
    ['var s = fmt.Sprint("x")', []],
    ['const Version = "v1"', []],
    ['func f() { var inner = "x" }', []],
  ])('%s declares string vars %j', (src, vars) => {
    expect(parseGoDecls(`package p\n${src}\n`).stringVars).toEqual(vars);
  });

  it('reads imports with and without aliases', () => {
    const d = parseGoDecls(`package version

import (
	"fmt"
	"runtime"

	apimachineryversion "k8s.io/apimachinery/pkg/version"
)
import _ "embed"
`);
    expect(d.imports).toEqual([
      { path: 'fmt' },
      { path: 'runtime' },
      { alias: 'apimachineryversion', path: 'k8s.io/apimachinery/pkg/version' },
      { alias: '_', path: 'embed' },
    ]);
  });

  it('reads top-level funcs, not methods or nested closures', () => {
    const d = parseGoDecls(`package version

func Get() apimachineryversion.Info {
	f := func() string { return "x" }
	return apimachineryversion.Info{GitVersion: f()}
}

func (i Info) String() string { return i.GitVersion }

func Version() string { return gitVersion }

func Map[K comparable](m map[K]string) (a, b int) { return 0, 0 }
`);
    expect(d.funcs).toEqual([
      { name: 'Get', params: '', results: 'apimachineryversion . Info' },
      { name: 'Version', params: '', results: 'string' },
      { name: 'Map', params: 'm map [ K ] string', results: '( a , b int )' },
    ]);
  });

  it('reads struct fields, grouped types and embedded fields', () => {
    const d = parseGoDecls(`package version

// Info contains versioning information.
type Info struct {
	Major        string \`json:"major"\`
	Minor        string \`json:"minor"\`
	GitVersion   string \`json:"gitVersion"\`
	A, B         int
	Nested       struct{ X int }
}

type (
	Alias = Info
	Wrapper struct {
		*Info
		pkg.Other
		Plain
	}
)

type Number int
`);
    expect(d.structs).toEqual({
      Info: ['Major', 'Minor', 'GitVersion', 'A', 'B', 'Nested'],
      Wrapper: ['Info', 'Other', 'Plain'],
    });
  });

  it('is not fooled by braces and keywords inside strings and comments', () => {
    const d = parseGoDecls(`package p
/* var Hidden = "x"
} */
var s = "} var Fake = \\"y\\" {"
// func Ghost() string
var t = '}'
`);
    expect(d.stringVars).toEqual(['s']);
    expect(d.funcs).toEqual([]);
  });
});

describe('parseGoDecls: what -X can set', () => {
  it("reads runc's main.go: untyped string vars with their values, constants left out", () => {
    const d = parseGoDecls(`package main

// version must be set from the contents of VERSION file by go build's
// -X main.version= option in the Makefile.
var version = "unknown"

// gitCommit will be the hash that the binary was built from
// and will be populated by the Makefile
var gitCommit = ""

const (
	specConfig = "config.json"
	usage      = \`Open Container Initiative runtime\`
)

func main() {
	v := []string{version}
}
`);
    expect(d.stringVars).toEqual(['version', 'gitCommit']);
    expect(d.stringValues).toEqual({ version: 'unknown', gitCommit: '' });
    expect(d.otherVars).toEqual([]);
  });

  it("reads podman's libpod/define: a grouped block of typed vars with comments", () => {
    const d = parseGoDecls(`package define

// Overwritten at build time
var (
	// GitCommit is the commit that the binary is being built from.
	// It will be populated by the Makefile.
	gitCommit string
	// BuildInfo is the time at which the binary was built
	buildInfo string
	buildOrigin string
)
`);
    expect(d.stringVars).toEqual(['gitCommit', 'buildInfo', 'buildOrigin']);
    expect(d.stringValues).toEqual({});
  });

  it("reads etcd's api/version: string literals beside values of other types, which are not strings", () => {
    const d = parseGoDecls(`package version

var (
	MinClusterVersion = "3.0.0"
	Version           = "3.6.0"
	APIVersion        = "unknown"

	// Git SHA Value will be set during build
	GitSHA = "Not provided (use ./build instead of go build)"
)

var (
	V3_0 = semver.Version{Major: 3, Minor: 0}
	AllVersions = []semver.Version{V3_0}
)

var version, commit = "a" + "b", 1
`);
    expect(d.stringVars).toEqual(['MinClusterVersion', 'Version', 'APIVersion', 'GitSHA']);
    expect(d.stringValues.GitSHA).toBe('Not provided (use ./build instead of go build)');
    expect(d.otherVars).toEqual(['V3_0', 'AllVersions', 'version', 'commit']);
  });

  it('reads `var version, gitCommit string` and an escaped literal', () => {
    const d = parseGoDecls('package main\n\nvar version, gitCommit string\nvar quoted = "say \\"hi\\""\nvar _ string\n');
    expect(d.stringVars).toEqual(['version', 'gitCommit', 'quoted']);
    expect(d.stringValues).toEqual({ quoted: 'say "hi"' });
  });
});
