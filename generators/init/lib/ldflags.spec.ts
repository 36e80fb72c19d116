import { expand, scriptStamps, scriptVariables } from './ldflags';

/** The stamp lines of podman v5.4.0's Makefile. */
const podmanMakefile = `PROJECT := github.com/containers/podman
COMMIT_NO ?= $(shell git rev-parse HEAD 2> /dev/null || true)
GIT_COMMIT ?= $(if $(shell git status --porcelain --untracked-files=no),$(call err_if_empty,COMMIT_NO)-dirty,$(COMMIT_NO))
DATE_FMT = %s
ifdef SOURCE_DATE_EPOCH
\tBUILD_INFO ?= $(shell date -u -d "@$(call err_if_empty,SOURCE_DATE_EPOCH)" "+$(DATE_FMT)" 2>/dev/null || date -u "+$(DATE_FMT)")
else
\tBUILD_INFO ?= $(shell date "+$(DATE_FMT)")
endif
LIBPOD := \${PROJECT}/v5/libpod
LDFLAGS_PODMAN ?= \\
\t$(if $(GIT_COMMIT),-X $(LIBPOD)/define.gitCommit=$(GIT_COMMIT),) \\
\t$(if $(BUILD_INFO),-X $(LIBPOD)/define.buildInfo=$(BUILD_INFO),) \\
\t$(if $(BUILD_ORIGIN),-X "$(LIBPOD)/define.buildOrigin=$(BUILD_ORIGIN)",) \\
\t-X $(LIBPOD)/config._installPrefix=$(PREFIX) \\
\t$(EXTRA_LDFLAGS)
`;

/** runc v1.2.5's. */
const runcMakefile = `PROJECT := github.com/opencontainers/runc
COMMIT := $(shell git describe --dirty --long --always)
EXTRA_VERSION :=
VERSION := $(shell cat ./VERSION)$(EXTRA_VERSION)
LDFLAGS_COMMON := -X main.gitCommit=$(COMMIT) -X main.version=$(VERSION)
`;

/** etcd v3.6.0's scripts/build_lib.sh, with ROOT_MODULE from the test_lib.sh it sources. */
const etcdScripts = [
  {
    file: 'scripts/build_lib.sh',
    text: `source ./scripts/test_lib.sh

GIT_SHA=$(git rev-parse --short HEAD || echo "GitNotFound")
VERSION_SYMBOL="\${ROOT_MODULE}/api/v3/version.GitSHA"
GO_LDFLAGS=(\${GO_LDFLAGS:-} "-X=\${VERSION_SYMBOL}=\${GIT_SHA}")
`,
  },
  { file: 'scripts/test_lib.sh', text: 'ROOT_MODULE="go.etcd.io/etcd"\n' },
];

describe('scriptVariables and expand', () => {
  it('reads make assignments of every flavour, the first one winning, and expands nested references', () => {
    const vars = scriptVariables([{ file: 'Makefile', text: podmanMakefile }]);
    expect(vars.get('LIBPOD')).toBe('${PROJECT}/v5/libpod');
    expect(vars.get('DATE_FMT')).toBe('%s');
    expect(expand('$(LIBPOD)/define', vars)).toBe('github.com/containers/podman/v5/libpod/define');
    expect(expand(vars.get('BUILD_INFO') ?? '', vars)).toContain('"+%s"');
    expect(expand('$(NOPE)/x', vars)).toBe('$(NOPE)/x');
  });

  it('reads shell assignments, quoted or not, and ${X:-default}', () => {
    const vars = scriptVariables([{ file: 'build.sh', text: 'A="a b"\nexport B=\'$A\'\nC=c\n' }]);
    expect([...vars]).toEqual([['A', 'a b'], ['B', '$A'], ['C', 'c']]);
    expect(expand('${B}/${D:-d}', vars)).toBe('a b/d');
  });
});

describe('scriptStamps', () => {
  it("finds podman's define package through LIBPOD and PROJECT, with the value variables", () => {
    const stamps = scriptStamps([{ file: 'Makefile', text: podmanMakefile }]);
    const define = 'github.com/containers/podman/v5/libpod/define';
    expect(stamps.map((s) => [s.pkg, s.name, s.valueVar])).toEqual([
      [define, 'gitCommit', 'GIT_COMMIT'],
      [define, 'buildInfo', 'BUILD_INFO'],
      [define, 'buildOrigin', 'BUILD_ORIGIN'],
      ['github.com/containers/podman/v5/libpod/config', '_installPrefix', 'PREFIX'],
    ]);
    expect(stamps[1].valueDefinition).toContain('date -u "+%s"');
  });

  it("finds runc's main.gitCommit and main.version", () => {
    expect(scriptStamps([{ file: 'Makefile', text: runcMakefile }]).map((s) => `${s.pkg}.${s.name}=$(${s.valueVar})`)).toEqual([
      'main.gitCommit=$(COMMIT)',
      'main.version=$(VERSION)',
    ]);
  });

  it("finds etcd's -X=<symbol>=<value> with the symbol in a variable of a sourced script", () => {
    expect(scriptStamps(etcdScripts)).toEqual([
      {
        pkg: 'go.etcd.io/etcd/api/v3/version',
        name: 'GitSHA',
        valueVar: 'GIT_SHA',
        valueDefinition: '$(git rev-parse --short HEAD || echo "GitNotFound")',
        file: 'scripts/build_lib.sh',
      },
    ]);
  });

  it("takes a script's own definition over another script's, and skips what does not resolve", () => {
    const scripts = [
      { file: 'a/Makefile', text: 'PKG := example.com/a/version\n' },
      { file: 'b/Makefile', text: "PKG := example.com/b/version\nLDFLAGS := -X '$(PKG).Commit=abc' -X $(UNKNOWN).x=1 -X main=1 -X main.bad-name=2\n" },
    ];
    expect(scriptStamps(scripts)).toEqual([{ pkg: 'example.com/b/version', name: 'Commit', file: 'b/Makefile' }]);
  });
});
