import { Tree, logger, readJson, readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as fs from 'fs';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_PLATFORMS, initGenerator } from './generator';

const offlineTemplate = fs.readFileSync(path.join(__dirname, 'files/offline/__file__.template'), 'utf8');

function write(tree: Tree, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) tree.write(f, text);
}

const main = 'package main\n\nfunc main() {}\n';

/** go.mod at the root, binaries under cmd/ and tools/cmd/, a version package, a main elsewhere. */
const rootRepo: Record<string, string> = {
  'go.mod': 'module example.com/demo\n\ngo 1.22\n',
  'cmd/a/main.go': main,
  'cmd/a/main_test.go': 'package main\n',
  'tools/cmd/b/main.go': '//go:build tools\n\npackage main\n\nfunc main() {}\n',
  'internal/version/base.go': 'package version\n\nvar (\n\tgitVersion = "v0.0.0-master"\n\tgitCommit  = ""\n)\n',
  'pkg/lib/lib.go': 'package lib\n',
  'hack/gen/main.go': main,
  'hack/gen/doc.go': '//go:build ignore\n\npackage gen\n',
  'testdata/cmd/x/main.go': main,
  'vendor/example.org/cmd/v/main.go': main,
  '_output/cmd/o/main.go': main,
};

const pluginEntry = (tree: Tree) =>
  readNxJson(tree)?.plugins?.find((p) => typeof p !== 'string' && p.plugin === 'nx-kube-build') as
    | { plugin: string; options?: Record<string, unknown> }
    | undefined;

describe('init generator', () => {
  let info: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  const printed = (): string[] => info.mock.calls.map((c) => String(c[0]));

  it('registers the plugin with detected options for a module at the root', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, rootRepo);
    await initGenerator(tree, {});

    expect(pluginEntry(tree)).toEqual({
      plugin: 'nx-kube-build',
      options: { defaultPlatforms: DEFAULT_PLATFORMS, versionPackages: ['example.com/demo/internal/version'] },
    });
    expect(tree.read('build/build-image/Dockerfile', 'utf-8')).toBe(offlineTemplate);
    expect(tree.read('.gitignore', 'utf-8')).toBe('_output/\n.nx/\nnode_modules/\n');
    expect(printed()).toEqual([
      'nx-kube-build: Go module example.com/demo at the workspace root.',
      'Binaries (2): a (cmd/a), b (tools/cmd/b).',
      'Main packages outside cmd/* (not built): hack/gen; run init with --allMains or list them in "extraBinaries" to build them.',
      'Version stamped into example.com/demo/internal/version: gitVersion (gitVersion), gitCommit (gitCommit).',
      'Binaries build for the host platform plus linux/amd64, linux/arm64, darwin/arm64, windows/amd64.',
      'Build image definition: build/build-image/Dockerfile (offline: the host Go toolchain).',
      'Next:',
      '  npx nx show projects',
      '  npx nx run a:build:linux-amd64',
      '  npx nx affected -t build',
    ]);
  });

  it('writes the offline definition the build-image executor fills with the host toolchain', () => {
    expect(offlineTemplate).toMatch(/^FROM scratch$/m);
    expect(offlineTemplate).toMatch(/^COPY toolchain\/rootfs\/ \/$/m);
    expect(offlineTemplate).toMatch(/^COPY toolchain\/go \/usr\/local\/go$/m);
    for (const env of ['GOCACHE=/go-cache/build', 'GOMODCACHE=/go-cache/mod', 'GOTOOLCHAIN=local', 'CGO_ENABLED=0']) {
      expect(offlineTemplate).toContain(env);
    }
  });

  it('writes the same offline definition as the sample workspace uses', () => {
    const sample = path.join(__dirname, '../../workspace/build/build-image/Dockerfile');
    expect(offlineTemplate).toBe(fs.readFileSync(sample, 'utf8'));
  });

  it('lists mains outside cmd/ as extraBinaries with --allMains, and takes --platforms', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, rootRepo);
    await initGenerator(tree, { allMains: true, platforms: ['linux/amd64,linux-arm64', 'linux/amd64'] });

    expect(pluginEntry(tree)).toEqual({
      plugin: 'nx-kube-build',
      options: {
        defaultPlatforms: ['linux/amd64', 'linux/arm64'],
        versionPackages: ['example.com/demo/internal/version'],
        extraBinaries: ['hack/gen'],
      },
    });
    expect(printed()).toContain('Binaries (3): a (cmd/a), gen (hack/gen), b (tools/cmd/b).');
  });

  it('rejects an unknown platform, naming it', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, rootRepo);
    await expect(initGenerator(tree, { platforms: ['linux/x64'] })).rejects.toThrow(
      /^"linux\/x64" is not a Go platform: write it as <os>\/<arch>, one of /,
    );
  });

  it('writes the definition in the module dir when the module is in a subfolder', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, {
      'services/go.mod': 'module example.com/services\n\ngo 1.22\n',
      'services/cmd/api/main.go': main,
      'web/package.json': '{"name": "web"}',
      'web/src/index.ts': 'export {};\n',
    });
    await initGenerator(tree, {});

    expect(tree.read('services/build/build-image/Dockerfile', 'utf-8')).toBe(offlineTemplate);
    expect(tree.exists('build/build-image/Dockerfile')).toBe(false);
    expect(pluginEntry(tree)).toEqual({ plugin: 'nx-kube-build', options: { defaultPlatforms: DEFAULT_PLATFORMS } });
    expect(printed().slice(0, 2)).toEqual([
      'nx-kube-build: Go module example.com/services at services/.',
      'Binaries (1): api (services/cmd/api).',
    ]);
  });

  it('asks which module when there are several, and scopes the registration to it', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, {
      'a/go.mod': 'module example.com/a\n',
      'b/go.mod': 'module example.com/b\n',
      'b/cmd/x/main.go': main,
    });
    await expect(initGenerator(tree, {})).rejects.toThrow(
      'This workspace has 2 Go modules (a, b): pass --moduleDir with the one to use.',
    );
    await initGenerator(tree, { moduleDir: 'b' });
    expect(pluginEntry(tree)).toEqual({
      plugin: 'nx-kube-build',
      options: { defaultPlatforms: DEFAULT_PLATFORMS },
      include: ['b/**/*'],
    });
    expect(tree.exists('b/build/build-image/Dockerfile')).toBe(true);
    expect(tree.exists('a/build/build-image/Dockerfile')).toBe(false);
  });

  it.each([
    ['nope', 'No go.mod in "nope": pass --moduleDir with one of the module dirs (.).'],
    [
      'staging/src/k8s.io/api',
      'The module in "staging/src/k8s.io/api" is nested in the one at ., which builds it: pass --moduleDir with a root module dir (.).',
    ],
  ])('rejects --moduleDir %s', async (moduleDir, message) => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...rootRepo, 'staging/src/k8s.io/api/go.mod': 'module k8s.io/api\n' });
    await expect(initGenerator(tree, { moduleDir })).rejects.toThrow(message);
  });

  it('fails clearly without a go.mod', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    await expect(initGenerator(tree, {})).rejects.toThrow(
      'No go.mod found in this workspace: run `go mod init <module path>` first, then run this generator again.',
    );
  });

  it('creates package.json and nx.json, and changes nothing when run again', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-init-'));
    try {
      for (const [f, text] of Object.entries({ ...rootRepo, '.gitignore': '/_output\nbin/' })) {
        fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
        fs.writeFileSync(path.join(root, f), text);
      }
      const first = new FsTree(root, false);
      await initGenerator(first, {});
      expect(readJson(first, 'package.json')).toEqual({ name: path.basename(root).toLowerCase(), private: true });
      expect(readJson(first, 'nx.json').plugins).toHaveLength(1);
      expect(first.read('.gitignore', 'utf-8')).toBe('/_output\nbin/\n.nx/\nnode_modules/\n');
      flushChanges(root, first.listChanges());

      const second = new FsTree(root, false);
      await initGenerator(second, {});
      expect(second.listChanges()).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes a registry-based definition with --image', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, rootRepo);
    await initGenerator(tree, { image: 'golang:1.22' });

    const dockerfile = tree.read('build/build-image/Dockerfile', 'utf-8') ?? '';
    expect(dockerfile).toMatch(/^FROM golang:1\.22$/m);
    expect(dockerfile).toMatch(/^RUN mkdir -p \/go-cache && chmod 1777 \/go-cache$/m);
    expect(dockerfile).toContain('GOCACHE=/go-cache/build');
    expect(dockerfile).toContain('GOMODCACHE=/go-cache/mod');
    expect(dockerfile).not.toContain('toolchain/');
    expect(dockerfile).not.toMatch(/^FROM scratch/m);
    expect(pluginEntry(tree)).not.toHaveProperty('options.image');
  });

  it('rejects an --image that is not an image reference', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, rootRepo);
    await expect(initGenerator(tree, { image: 'golang:1.22\nRUN curl evil' })).rejects.toThrow(
      '"golang:1.22\nRUN curl evil" is not an image reference: pass --image like golang:1.22 or registry.example.com/go:1.22.',
    );
  });

  it('keeps an existing definition', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...rootRepo, 'build/build-image/Dockerfile': 'FROM example.com/our-go:1\n' });
    await initGenerator(tree, { image: 'golang:1.22' });

    expect(tree.read('build/build-image/Dockerfile', 'utf-8')).toBe('FROM example.com/our-go:1\n');
    expect(printed()).toContain(
      'Build image definition: build/build-image/Dockerfile (existing, kept; --image golang:1.22 not applied).',
    );
  });

  it('keeps options already in nx.json and does not duplicate .gitignore entries', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...rootRepo, '.gitignore': 'node_modules\n_output/\n' });
    tree.write(
      'nx.json',
      JSON.stringify({ plugins: ['@nx/js', { plugin: 'nx-kube-build', options: { versionPackages: [], network: 'host' } }] }),
    );
    await initGenerator(tree, {});

    expect(readNxJson(tree)?.plugins).toEqual([
      '@nx/js',
      { plugin: 'nx-kube-build', options: { versionPackages: [], network: 'host', defaultPlatforms: DEFAULT_PLATFORMS } },
    ]);
    expect(tree.read('.gitignore', 'utf-8')).toBe('node_modules\n_output/\n.nx/\n');
  });

  it('gives a Kubernetes repo its groups, staging binaries and version packages', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, {
      'go.mod': [
        'module k8s.io/kubernetes',
        '',
        'go 1.22',
        '',
        'require (',
        '\tk8s.io/component-base v0.0.0',
        '\tk8s.io/kube-aggregator v0.0.0',
        ')',
        '',
        'replace (',
        '\tk8s.io/component-base => ./staging/src/k8s.io/component-base',
        '\tk8s.io/kube-aggregator => ./staging/src/k8s.io/kube-aggregator',
        ')',
        '',
      ].join('\n'),
      'cmd/kubelet/kubelet.go': main,
      'cmd/kube-apiserver/apiserver.go': main,
      'cmd/kubectl/kubectl.go': main,
      'cmd/gendocs/gen_kubectl_docs.go': main,
      'cmd/genutils/genutils.go': 'package genutils\n',
      // KUBE_TEST_TARGETS' shapes: the vendored ginkgo CLI, a test-only e2e package, a main outside cmd/.
      'vendor/github.com/onsi/ginkgo/v2/ginkgo/main.go': main,
      'test/e2e/e2e_test.go': 'package e2e\n',
      'test/e2e_node/e2e_node_test.go': 'package e2enode\n',
      'test/conformance/image/go-runner/main.go': main,
      'pkg/kubelet/kubelet.go': 'package kubelet\n',
      'staging/src/k8s.io/component-base/go.mod': 'module k8s.io/component-base\n',
      'staging/src/k8s.io/component-base/version/base.go':
        'package version\n\nvar (\n\tgitVersion = "v0.0.0-master+$Format:%H$"\n\tgitCommit = "$Format:%H$"\n)\n',
      'staging/src/k8s.io/kube-aggregator/go.mod': 'module k8s.io/kube-aggregator\n',
      'staging/src/k8s.io/kube-aggregator/main.go': main,
      'staging/src/k8s.io/sample-cli/go.mod': 'module k8s.io/sample-cli\n',
      'staging/src/k8s.io/sample-cli/version/version.go': 'package version\n\nvar Version, Commit string\n',
    });
    await initGenerator(tree, {});

    expect(pluginEntry(tree)).toEqual({
      plugin: 'nx-kube-build',
      options: {
        defaultPlatforms: DEFAULT_PLATFORMS,
        // sample-cli is not required by k8s.io/kubernetes, so no binary links its version package.
        versionPackages: ['k8s.io/component-base/version'],
        // kube-aggregator's main sits at its module's root: a binary without extraBinaries.
        groups: {
          server: { targets: ['kube-apiserver', 'kubelet', 'staging/src/k8s.io/kube-aggregator'] },
          node: { targets: ['kubelet'] },
          client: { targets: ['kubectl'] },
          test: { targets: ['vendor/github.com/onsi/ginkgo/v2/ginkgo', 'e2e.test', 'test/conformance/image/go-runner'] },
          'test-server': { targets: ['vendor/github.com/onsi/ginkgo/v2/ginkgo', 'e2e_node.test'] },
        },
        extraBinaries: ['vendor/github.com/onsi/ginkgo/v2/ginkgo', 'test/conformance/image/go-runner'],
        // golang.sh's test/e2e/e2e.test and test/e2e_node/e2e_node.test: go test -c of those packages.
        testBinaries: ['test/e2e', 'test/e2e_node'],
        // golang.sh's gotags, for every binary.
        tags: { '*': ['selinux', 'notest'] },
        // KUBE_STATIC_BINARIES that exist: kubelet and gendocs build with cgo.
        staticBinaries: ['kube-aggregator', 'kube-apiserver', 'kubectl'],
        // build/common.sh's bases.
        baseImages: {
          'kube-proxy': 'registry.k8s.io/build-image/distroless-iptables:v0.8.6',
          '*': 'registry.k8s.io/build-image/go-runner:v2.4.0-go1.25.5-bookworm.0',
        },
      },
    });
    expect(printed()).toContain('Groups: server (3), node (1), client (1), test (3), test-server (2).');
    expect(printed()).toContainEqual(expect.stringContaining('kube-aggregator (staging/src/k8s.io/kube-aggregator)'));
    expect(printed()).toContain('  npx nx run gendocs:build:linux-amd64');
  });

  describe('build scripts, module-root mains and name clashes', () => {
    it('lists the mains a Makefile builds in extraBinaries', async () => {
      const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      write(tree, {
        'go.mod': 'module example.com/m\n\ngo 1.22\n',
        Makefile: 'bin/x:\n\tgo build -o bin/x ./tools/x\n',
        'tools/x/main.go': main,
        'tools/y/main.go': main,
      });
      await initGenerator(tree, {});
      expect(pluginEntry(tree)?.options).toMatchObject({ extraBinaries: ['tools/x'] });
      expect(printed()).toContain('Binaries (1): x (tools/x).');
      expect(printed()).toContain('Main packages outside cmd/* (not built): tools/y; run init with --allMains or list them in "extraBinaries" to build them.');
    });

    it('reports a main at the module root as a binary named from the module path', async () => {
      const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      write(tree, { 'go.mod': 'module github.com/opencontainers/runc\n\ngo 1.22\n', 'main.go': main, 'libcontainer/c.go': 'package libcontainer\n' });
      await initGenerator(tree, {});
      expect(printed()).toContain('Binaries (1): runc (.).');
      expect(pluginEntry(tree)?.options?.extraBinaries).toBeUndefined();
    });

    it('suggests a name for a binary called after a generic dir', async () => {
      const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      write(tree, { 'go.mod': 'module example.com/m\n\ngo 1.22\n', 'contrib/lock/cmd/client/main.go': main });
      await initGenerator(tree, {});
      expect(printed()).toContain(
        'Generic binary names: client (contrib/lock/cmd/client); to name them apart, add to the plugin options "names": {"contrib/lock/cmd/client":"cmd-client"}.',
      );
    });

    it('names the second of two mains called client apart', async () => {
      const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      write(tree, {
        'go.mod': 'module example.com/m\n\ngo 1.22\n',
        'cmd/client/main.go': main,
        'tools/cmd/client/main.go': main,
      });
      await initGenerator(tree, {});
      expect(pluginEntry(tree)?.options?.names).toEqual({ 'tools/cmd/client': 'cmd-client' });
    });
  });
  describe('version stamps found by declaration and by the scripts\' -X flags', () => {
    const stampsOf = async (files: Record<string, string>, nx?: object) => {
      const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      write(tree, files);
      if (nx) tree.write('nx.json', JSON.stringify(nx));
      await initGenerator(tree, {});
      return pluginEntry(tree)?.options?.versionPackages;
    };
    const stampLines = () => printed().filter((l) => l.startsWith('Version stamped') || l.startsWith('Not stamped'));

    it("stamps runc's main.version and main.gitCommit, from its main and its Makefile", async () => {
      const files = {
        'go.mod': 'module github.com/opencontainers/runc\n\ngo 1.22\n',
        'main.go': 'package main\n\n// version must be set from the contents of VERSION file by go build\'s\n// -X main.version= option in the Makefile.\nvar version = "unknown"\n\n// gitCommit will be the hash that the binary was built from\n// and will be populated by the Makefile\nvar gitCommit = ""\n\nconst usage = `runc`\n\nfunc main() {}\n',
        Makefile: 'COMMIT := $(shell git describe --dirty --long --always)\nVERSION := $(shell cat ./VERSION)$(EXTRA_VERSION)\nLDFLAGS_COMMON := -X main.gitCommit=$(COMMIT) -X main.version=$(VERSION)\n',
      };
      const runc = [{ package: 'main', vars: { gitCommit: 'gitCommit', version: 'version' } }];
      expect(await stampsOf(files)).toEqual(runc);
      expect(stampLines()).toEqual(['Version stamped into main: gitCommit (gitCommit), version (version).']);
      // Without the Makefile the declarations alone say the same.
      const { Makefile: _, ...alone } = files;
      expect(await stampsOf(alone)).toEqual([{ package: 'main', vars: { version: 'version', gitCommit: 'gitCommit' } }]);
    });

    it("finds podman's libpod/define through the Makefile's LIBPOD, buildInfo as unix seconds", async () => {
      expect(
        await stampsOf({
          'go.mod': 'module github.com/containers/podman/v5\n\ngo 1.22\n',
          'cmd/podman/main.go': 'package main\n\nimport _ "github.com/containers/podman/v5/libpod/define"\n\nfunc main() {}\n',
          'libpod/define/version.go':
            'package define\n\n// Overwritten at build time\nvar (\n\t// GitCommit is the commit that the binary is being built from.\n\tgitCommit string\n\t// BuildInfo is the time at which the binary was built\n\tbuildInfo string\n\t// BuildOrigin is the packager of the binary.\n\tbuildOrigin string\n)\n\ntype Version struct {\n\tVersion string\n}\n',
          'version/version.go': 'package version\n\nimport "github.com/blang/semver/v4"\n\nvar Version = semver.MustParse("5.4.0")\n',
          'test/version/main.go': 'package main\n\nvar version string\n\nfunc main() {}\n',
          Makefile: [
            'PROJECT := github.com/containers/podman',
            'COMMIT_NO ?= $(shell git rev-parse HEAD 2> /dev/null || true)',
            'GIT_COMMIT ?= $(if $(shell git status --porcelain --untracked-files=no),$(COMMIT_NO)-dirty,$(COMMIT_NO))',
            'DATE_FMT = %s',
            'BUILD_INFO ?= $(shell date "+$(DATE_FMT)")',
            'LIBPOD := ${PROJECT}/v5/libpod',
            'LDFLAGS_PODMAN ?= \\',
            '\t$(if $(GIT_COMMIT),-X $(LIBPOD)/define.gitCommit=$(GIT_COMMIT),) \\',
            '\t$(if $(BUILD_INFO),-X $(LIBPOD)/define.buildInfo=$(BUILD_INFO),) \\',
            '\t$(if $(BUILD_ORIGIN),-X "$(LIBPOD)/define.buildOrigin=$(BUILD_ORIGIN)",) \\',
            '\t-X $(LIBPOD)/config._installPrefix=$(PREFIX)',
            '',
          ].join('\n'),
        }),
      ).toEqual([{ package: 'github.com/containers/podman/v5/libpod/define', vars: { gitCommit: 'gitCommit', buildDateUnix: 'buildInfo' } }]);
      expect(stampLines()).toEqual([
        'Version stamped into github.com/containers/podman/v5/libpod/define: gitCommit (gitCommit), buildInfo (buildDateUnix).',
      ]);
    });

    it("stamps etcd's GitSHA as the short commit and leaves its hard-coded Version alone", async () => {
      const etcd = {
        'go.mod': 'module go.etcd.io/etcd/v3\n\ngo 1.23\n\nrequire go.etcd.io/etcd/api/v3 v3.6.0\n\nreplace go.etcd.io/etcd/api/v3 => ./api\n',
        'main.go': 'package main\n\nfunc main() {}\n',
        'api/go.mod': 'module go.etcd.io/etcd/api/v3\n\ngo 1.23\n',
        'api/version/version.go':
          'package version\n\nvar (\n\t// MinClusterVersion is the min cluster version this etcd binary is compatible with.\n\tMinClusterVersion = "3.0.0"\n\tVersion           = "3.6.0"\n\tAPIVersion        = "unknown"\n\n\t// Git SHA Value will be set during build\n\tGitSHA = "Not provided (use ./build instead of go build)"\n)\n',
      };
      const want = [{ package: 'go.etcd.io/etcd/api/v3/version', vars: { gitCommitShort: 'GitSHA' } }];
      expect(await stampsOf(etcd)).toEqual(want);
      const scripts = {
        'scripts/test_lib.sh': 'ROOT_MODULE="go.etcd.io/etcd"\n',
        'scripts/build_lib.sh': 'source ./scripts/test_lib.sh\nGIT_SHA=$(git rev-parse --short HEAD || echo "GitNotFound")\nVERSION_SYMBOL="${ROOT_MODULE}/api/v3/version.GitSHA"\nGO_LDFLAGS=(${GO_LDFLAGS:-} "-X=${VERSION_SYMBOL}=${GIT_SHA}")\n',
      };
      expect(await stampsOf({ ...etcd, ...scripts })).toEqual(want);
      expect(stampLines()).toContain('Version stamped into go.etcd.io/etcd/api/v3/version: GitSHA (gitCommitShort).');
    });

    it('reads grouped, typed and untyped string vars, and a buildinfo package; never constants', async () => {
      expect(
        await stampsOf({
          'go.mod': 'module example.com/tool\n\ngo 1.22\n',
          'cmd/tool/main.go': 'package main\n\nvar (\n\tversion = "dev"\n\tcommit  = "none"\n\tdate    = "unknown"\n)\n\nconst buildTime = "never"\n\nfunc main() {}\n',
          'internal/buildinfo/info.go': 'package buildinfo\n\nvar GitSHA, BuildTime string\nvar gitTreeState = "" // set by -X\n',
          'internal/version/base.go': 'package version\n\nvar gitVersion, gitCommit string\n',
          'pkg/version/base.go': 'package version\n\nvar gitCommit string\nvar gitMajor = 1\n',
        }),
      ).toEqual([
        { package: 'example.com/tool/internal/buildinfo', vars: { gitCommitShort: 'GitSHA', buildDate: 'BuildTime', gitTreeState: 'gitTreeState' } },
        // Kubernetes' names: the import path alone, unless the string form would -X a var of another type.
        'example.com/tool/internal/version',
        { package: 'example.com/tool/pkg/version', vars: { gitCommit: 'gitCommit' } },
        { package: 'main', vars: { version: 'version', gitCommit: 'commit', buildDate: 'date' } },
      ]);
    });

    it('stamps no main var another binary declares otherwise, and says when a script -X names no string var', async () => {
      expect(
        await stampsOf({
          'go.mod': 'module example.com/m\n\ngo 1.22\n',
          'cmd/a/main.go': 'package main\n\nvar version, gitCommit string\n\nfunc main() {}\n',
          'cmd/b/main.go': 'package main\n\nvar version = 2\n\nfunc main() {}\n',
          'internal/version/v.go': 'package version\n\nconst Version = "dev"\n\nvar GitCommit = ""\n',
          'build.mk': 'LDFLAGS += -X example.com/m/internal/version.Version=$(VERSION)\n',
        }),
      ).toEqual([
        // The flag's Version is a constant; the package's other stamp variable is still found by declaration.
        { package: 'example.com/m/internal/version', vars: { gitCommit: 'GitCommit' } },
        { package: 'main', vars: { gitCommit: 'gitCommit' } },
      ]);
      expect(stampLines()).toEqual([
        'Version stamped into example.com/m/internal/version: GitCommit (gitCommit).',
        'Version stamped into main: gitCommit (gitCommit).',
        'Not stamped: example.com/m/internal/version.Version (-X in build.mk) is not a string variable declared in that package.',
      ]);
    });

    it('adds what it finds to versionPackages already set, keeping them, and again changes nothing', async () => {
      const files = {
        'go.mod': 'module example.com/m\n\ngo 1.22\n',
        'cmd/a/main.go': 'package main\n\nvar version string\n\nfunc main() {}\n',
        'internal/version/v.go': 'package version\n\nvar Commit string\n',
      };
      const mine = { package: 'example.com/m/internal/version', vars: { gitCommitShort: 'Commit' } };
      const nx = { plugins: [{ plugin: 'nx-kube-build', options: { versionPackages: [mine] } }] };
      const merged = [mine, { package: 'main', vars: { version: 'version' } }];
      expect(await stampsOf(files, nx)).toEqual(merged);
      expect(stampLines()).toContain('Version stamped into example.com/m/internal/version: Commit (gitCommitShort).');
      expect(await stampsOf(files, { plugins: [{ plugin: 'nx-kube-build', options: { versionPackages: merged } }] })).toEqual(merged);
    });
  });
});

describe('init and a .gitignore that covers the build image definition', () => {
  let info: jest.SpyInstance;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  const repo = { 'go.mod': 'module example.com/m\n\ngo 1.22\n', 'cmd/a/main.go': main };

  it('writes it where git tracks it, as podman ignores /build/, and says so', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...repo, '.gitignore': '*.o\n/build/\n' });
    await initGenerator(tree, {});
    expect(pluginEntry(tree)?.options?.dockerfile).toBe('build-image/Dockerfile');
    expect(tree.exists('build-image/Dockerfile')).toBe(true);
    expect(tree.exists('build/build-image/Dockerfile')).toBe(false);
    expect(info.mock.calls.map((c) => String(c[0]))).toContain(
      'nx-kube-build: build/build-image/Dockerfile is ignored by git (.gitignore:2: /build/); the build image definition goes to build-image/Dockerfile ("dockerfile" in nx.json).',
    );
  });

  it('follows nested .gitignore files and negations as git does', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...repo, '.gitignore': 'build/\n', 'build/.gitignore': '*\n' });
    await initGenerator(tree, {});
    expect(pluginEntry(tree)?.options?.dockerfile).toBe('build-image/Dockerfile');

    const kept = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(kept, { ...repo, '.gitignore': 'Dockerfile\n!build/build-image/Dockerfile\n' });
    await initGenerator(kept, {});
    expect(pluginEntry(kept)?.options?.dockerfile).toBeUndefined();
    expect(kept.exists('build/build-image/Dockerfile')).toBe(true);
  });

  it('keeps a dockerfile the user chose and warns with the rule', async () => {
    const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
    write(tree, { ...repo, '.gitignore': 'images/\n' });
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: 'nx-kube-build', options: { dockerfile: 'images/build/Dockerfile' } }] }));
    await initGenerator(tree, {});
    expect(pluginEntry(tree)?.options?.dockerfile).toBe('images/build/Dockerfile');
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      'nx-kube-build: the build image definition images/build/Dockerfile is ignored by git (.gitignore:1: images/): commit it with `git add -f`, or move it and set "dockerfile" in the plugin options.',
    ]);
  });
});
