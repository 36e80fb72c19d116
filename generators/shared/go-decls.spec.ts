import { parseGoDecls } from './go-decls';

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
