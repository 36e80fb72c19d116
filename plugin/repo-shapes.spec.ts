/**
 * Real-repository shapes end to end: scanGoTree + packageGraph + buildModel
 * (and allProjects, importEdges) on temp trees. Expected values are what the
 * go command does in each layout.
 */
import { resultsByFile } from './create-nodes';
import { cleanupSpecs, gomod, loadSpec } from './load.spec-helpers';
import { goFile } from './go/temp-tree.spec-helpers';

afterAll(cleanupSpecs);

describe('podman-like: a nested module with its own vendor/ of the same module path', () => {
  const fs = 'github.com/fsnotify/fsnotify';
  const s = loadSpec({
    'go.mod': gomod('github.com/containers/podman/v5', '1.22', [`${fs} v1.7.0`]),
    'vendor/modules.txt': `# ${fs} v1.7.0\n## explicit; go 1.17\n${fs}\n`,
    [`vendor/${fs}/fsnotify.go`]: goFile('fsnotify'),
    'cmd/podman/main.go': goFile('main', 'github.com/containers/podman/v5/pkg/util'),
    'pkg/util/util.go': goFile('util', fs),
    'test/tools/go.mod': gomod('github.com/containers/podman/test/tools', '1.22', [`${fs} v1.6.0`]),
    'test/tools/vendor/modules.txt': `# ${fs} v1.6.0\n## explicit; go 1.16\n${fs}\n`,
    [`test/tools/vendor/${fs}/fsnotify.go`]: goFile('fsnotify'),
    'test/tools/pkg/watch/watch.go': goFile('watch', fs),
  });

  it('builds each module in its own context, each in vendor mode', () => {
    expect(s.graph.contexts.list.map((c) => [c.dir, c.vendor?.entries.map((e) => e.version)])).toEqual([
      ['', ['v1.7.0']],
      ['test/tools', ['v1.6.0']],
    ]);
    expect(s.graph.homeOf.get(`test/tools/vendor/${fs}`)?.dir).toBe('test/tools');
    expect(s.graph.unresolved).toEqual([]);
  });

  it('makes two vendored projects: the root keeps the plain name, the nested one is qualified by its owner', () => {
    expect(s.model.vendored.map((v) => [v.dir, v.name])).toEqual([
      [`test/tools/vendor/${fs}`, `test/tools:${fs}`],
      [`vendor/${fs}`, fs],
    ]);
    expect(s.projects[`vendor/${fs}`]).toMatchObject({ name: fs, tags: ['go:vendor'] });
    expect(s.projects[`test/tools/vendor/${fs}`]).toMatchObject({ name: `test/tools:${fs}`, tags: ['go:vendor'] });
  });

  it('points each module at its own copy', () => {
    expect(s.edges).toEqual([
      'github.com/containers/podman/test/tools/pkg/watch -> test/tools:github.com/fsnotify/fsnotify',
      'github.com/containers/podman/v5/pkg/util -> github.com/fsnotify/fsnotify',
      'podman -> github.com/containers/podman/v5/pkg/util',
    ]);
  });
});

describe('podman-like: a vendored tool its Makefile builds, listed in extraBinaries', () => {
  const g = 'github.com/onsi/ginkgo/v2';
  const s = loadSpec(
    {
      'go.mod': gomod('github.com/containers/podman/v5', '1.22'),
      'cmd/podman/main.go': goFile('main'),
      'test/tools/go.mod': gomod('github.com/containers/podman/test/tools', '1.22', [`${g} v2.22.0`]),
      'test/tools/vendor/modules.txt': `# ${g} v2.22.0\n## explicit; go 1.22\n${g}\n${g}/ginkgo\n${g}/ginkgo/run\n${g}/types\n`,
      [`test/tools/vendor/${g}/ginkgo.go`]: goFile('ginkgo', `${g}/types`),
      [`test/tools/vendor/${g}/types/types.go`]: goFile('types'),
      [`test/tools/vendor/${g}/ginkgo/main.go`]: goFile('main', `${g}/types`, `${g}/ginkgo/run`),
      [`test/tools/vendor/${g}/ginkgo/run/run.go`]: goFile('run', `${g}/types`),
    },
    { extraBinaries: [`test/tools/vendor/${g}/ginkgo`] },
  );

  it('is a binary of its own, named like a module root, built by import path in the nested module', () => {
    expect(s.model.binaries.find((b) => b.name === 'ginkgo')).toMatchObject({
      dir: `test/tools/vendor/${g}/ginkgo`,
      moduleRoot: 'test/tools',
      main: `${g}/ginkgo`,
    });
  });

  it('stays out of its vendored module project, so each import edge comes from the project that holds its file', () => {
    const v = s.model.vendored.find((x) => x.module === g)!;
    expect(v.packages.map((p) => p.dir)).toEqual([`test/tools/vendor/${g}`, `test/tools/vendor/${g}/types`]);
    // The module's own packages are one project, so the only edge is the tool's.
    expect(s.edges).toEqual(['ginkgo -> github.com/onsi/ginkgo/v2']);
  });

  it('holds the vendored packages below it, whose files Nx gives it, and takes all its files as build inputs', () => {
    expect(s.nameOf(`test/tools/vendor/${g}/ginkgo/run`)).toBe('ginkgo');
    expect(s.projects[`test/tools/vendor/${g}/ginkgo`].namedInputs?.goBuild).toEqual(['{projectRoot}/**/*', '!{projectRoot}/**/*_test.go']);
  });
});

describe('an in-repo module that the root also vendors', () => {
  const s = loadSpec({
    'go.mod': gomod('example.com/x', '1.21', ['example.com/x/api v1.9.0']),
    'vendor/modules.txt': '# example.com/x/api v1.9.0\n## explicit; go 1.21\nexample.com/x/api\nexample.com/x/api/types\n',
    'vendor/example.com/x/api/api.go': goFile('api', 'example.com/x/api/types'),
    'vendor/example.com/x/api/types/types.go': goFile('types'),
    'api/go.mod': gomod('example.com/x/api', '1.21'),
    'api/api.go': goFile('api', 'example.com/x/api/types'),
    'api/types/types.go': goFile('types'),
    'cmd/server/main.go': goFile('main', 'example.com/x/api', 'example.com/x/api/types'),
  });

  it('compiles the root against the vendored copy (api/ holds another module, not a package of example.com/x)', () => {
    const root = s.graph.contexts.ofModule.get('') as NonNullable<ReturnType<typeof s.graph.contexts.ofModule.get>>;
    expect(s.graph.resolve('example.com/x/api/types', root)).toEqual({ kind: 'vendor', module: 'example.com/x/api', dir: 'vendor/example.com/x/api/types' });
    expect(s.edges).toContain('server -> example.com/x/api');
    expect(s.edges.filter((e) => e.startsWith('server '))).toEqual(['server -> example.com/x/api']);
  });

  it('gives the vendored copy the plain name and the in-repo dev copy `api:<path>`', () => {
    expect(s.nameOf('vendor/example.com/x/api')).toBe('example.com/x/api');
    expect(s.nameOf('vendor/example.com/x/api/types')).toBe('example.com/x/api');
    expect(s.nameOf('api')).toBe('api:example.com/x/api');
    expect(s.nameOf('api/types')).toBe('example.com/x/api/types');
    // The dev copy builds in its own module.
    expect(s.graph.homeOf.get('api')?.dir).toBe('api');
    expect(s.edges).toContain('api:example.com/x/api -> example.com/x/api/types');
    expect(new Set(Object.values(s.projects).map((p) => p.name)).size).toBe(Object.keys(s.projects).length);
  });
});

describe('runc-like: package main at the module root', () => {
  const spec = {
    'go.mod': gomod('github.com/opencontainers/runc', '1.22'),
    'main.go': goFile('main', 'github.com/opencontainers/runc/libcontainer'),
    'libcontainer/container.go': goFile('libcontainer'),
  };

  it('is one project at the root, named from the module path, with build and release targets', () => {
    const s = loadSpec(spec);
    expect(s.model.binaries).toEqual([expect.objectContaining({ name: 'runc', dir: '', moduleRoot: '', main: '.' })]);
    const root = s.projects['.'];
    expect(root).toMatchObject({ name: 'runc', root: '.' });
    expect(root.tags).toEqual(expect.arrayContaining(['go:binary', 'go:module']));
    expect(Object.keys(root.targets ?? {})).toEqual(expect.arrayContaining(['build', 'release', 'build-image']));
    expect(s.edges).toEqual(['runc -> github.com/opencontainers/runc/libcontainer']);
    expect(s.model.warnings).toEqual([]);
  });

  it('takes extraBinaries "./" without a warning or a second project', () => {
    const s = loadSpec(spec, { extraBinaries: ['./'] });
    expect(s.model.binaries.map((b) => b.name)).toEqual(['runc']);
    expect(s.model.warnings).toEqual([]);
  });

  it('warns about a listed dir that is no main package, naming it', () => {
    const s = loadSpec(spec, { extraBinaries: ['libcontainer'] });
    expect(s.model.binaries.map((b) => b.name)).toEqual(['runc']);
    expect(s.model.warnings).toEqual(['extraBinaries lists "libcontainer", but libcontainer is package libcontainer, not main: it is not built.']);
  });
});

describe('etcd-like: nested modules joined by replace directives, a main at a nested module root', () => {
  const s = loadSpec({
    // Tidy, as go 1.17+ writes it: every module providing a package the build compiles is listed.
    'go.mod': gomod('go.etcd.io/etcd/v3', '1.22', ['go.etcd.io/etcd/api/v3 v3.6.0', 'github.com/gogo/protobuf v1.3.2 // indirect'], {
      'go.etcd.io/etcd/api/v3': './api',
    }),
    'etcdctl/ctl.go': goFile('etcdctl', 'go.etcd.io/etcd/api/v3/etcdserverpb'),
    'server/go.mod': gomod(
      'go.etcd.io/etcd/server/v3',
      '1.22',
      ['go.etcd.io/etcd/api/v3 v3.6.0', 'github.com/spf13/cobra v1.8.0', 'github.com/gogo/protobuf v1.3.2 // indirect'],
      { 'go.etcd.io/etcd/api/v3': '../api' },
    ),
    'server/main.go': goFile('main', 'go.etcd.io/etcd/server/v3/etcdserver', 'github.com/spf13/cobra'),
    'server/etcdserver/server.go': goFile('etcdserver', 'go.etcd.io/etcd/api/v3/etcdserverpb', 'github.com/spf13/cobra/doc'),
    'api/go.mod': gomod('go.etcd.io/etcd/api/v3', '1.22', ['github.com/gogo/protobuf v1.3.2']),
    'api/etcdserverpb/rpc.go': goFile('etcdserverpb', 'github.com/gogo/protobuf/proto'),
  });

  it('names the server binary etcd and builds it in server/ as `go build .`', () => {
    expect(s.model.binaries).toEqual([expect.objectContaining({ name: 'etcd', dir: 'server', moduleRoot: 'server', main: '.' })]);
    expect(s.projects.server.targets?.build?.options).toMatchObject({ moduleRoot: 'server' });
    expect(s.graph.contexts.list.map((c) => c.dir)).toEqual(['', 'api', 'server']);
  });

  it('reaches the server from an api package through the replace', () => {
    expect(s.edges).toEqual([
      'etcd -> go.etcd.io/etcd/server/v3/etcdserver',
      'go.etcd.io/etcd/server/v3/etcdserver -> go.etcd.io/etcd/api/v3/etcdserverpb',
      'go.etcd.io/etcd/v3/etcdctl -> go.etcd.io/etcd/api/v3/etcdserverpb',
    ]);
  });

  it('leaves required third-party modules outside the tree, as external, with no unresolved imports', () => {
    const server = s.graph.contexts.ofModule.get('server') as NonNullable<ReturnType<typeof s.graph.contexts.ofModule.get>>;
    expect(s.graph.resolve('github.com/spf13/cobra/doc', server)).toEqual({ kind: 'external', module: 'github.com/spf13/cobra' });
    expect(s.graph.resolve('github.com/gogo/protobuf/proto', server)).toEqual({ kind: 'external', module: 'github.com/gogo/protobuf' });
    expect(s.graph.unresolved).toEqual([]);
  });
});

describe('go.work', () => {
  const spec = {
    'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
    'a/go.mod': gomod('example.com/a', '1.22'),
    'a/cmd/app/main.go': goFile('main', 'example.com/b/lib'),
    'b/go.mod': gomod('example.com/b', '1.22'),
    'b/lib/lib.go': goFile('lib'),
  };

  it('makes one context of the used modules, where a imports b without a replace', () => {
    const s = loadSpec(spec);
    expect(s.graph.contexts.list.map((c) => [c.dir, c.kind, c.mainModules.map((m) => m.dir)])).toEqual([['', 'workspace', ['a', 'b']]]);
    expect(s.edges).toEqual(['app -> example.com/b/lib']);
    expect(s.graph.unresolved).toEqual([]);
    expect(s.model.binaries).toEqual([expect.objectContaining({ name: 'app', moduleRoot: '', main: './a/cmd/app' })]);
  });

  it('makes go.work and go.work.sum inputs of every build there', () => {
    const s = loadSpec(spec);
    const ws = s.model.modules.find((m) => m.dir === '')!;
    expect(ws.project).toBe(true);
    expect(ws.fileInputs).toEqual(
      expect.arrayContaining(['{workspaceRoot}/go.work', '{workspaceRoot}/go.work.sum', '{workspaceRoot}/a/go.mod', '{workspaceRoot}/b/go.mod']),
    );
    expect(s.projects['a/cmd/app'].targets?.build?.inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/go.work', '{workspaceRoot}/go.work.sum']));
  });

  it('puts a malformed go.work on its file and still loads a module outside the workspace', () => {
    const s = loadSpec({
      'ws/go.work': 'go 1.22\n\nuse ./a ./b\n',
      'ws/a/go.mod': gomod('example.com/a', '1.22'),
      'ws/a/a.go': goFile('a'),
      'lone/go.mod': gomod('example.com/lone', '1.22'),
      'lone/cmd/lone/main.go': goFile('main', 'example.com/lone/pkg'),
      'lone/pkg/p.go': goFile('pkg'),
    });
    expect(s.tree.works).toEqual([expect.objectContaining({ dir: 'ws', error: 'ws/go.work:3: usage: use ./dir' })]);
    const results = resultsByFile(s.loaded, s.options, ['ws/go.work', 'ws/a/go.mod', 'lone/go.mod']);
    expect(results['ws/go.work']).toEqual({ error: expect.stringMatching(/^ws\/go\.work:3: usage: use \.\/dir: fix the file \(`go work edit -json` shows how Go reads it\), or keep ws out of inference with the plugin option "exclude": \["ws\/\*\*"\]\.$/) });
    // Go stops below a go.work it cannot read, so the module under it fails with that error too.
    expect(results['ws/a/go.mod']).toEqual({ error: 'ws/a is in the workspace of ws/go.work, which cannot be read: ws/go.work:3: usage: use ./dir' });
    expect(Object.keys((results['lone/go.mod'] as { projects: object }).projects).sort()).toEqual(['lone', 'lone/cmd/lone', 'lone/pkg']);
    expect(s.edges).toEqual(['lone -> example.com/lone/pkg']);
  });
});

describe('a corrupt vendor/modules.txt', () => {
  it('fails its module with the bytes shown as \\xNN, never sent raw to the terminal', () => {
    const s = loadSpec({
      'go.mod': gomod('example.com/m', '1.22'),
      'vendor/modules.txt': '# example.com/x v1.0.0\n\u001b]0;owned\u0007\u001b[2J junk\n',
      'cmd/app/main.go': goFile('main'),
    });
    const error = (resultsByFile(s.loaded, s.options, ['go.mod'])['go.mod'] as { error: string }).error;
    expect(error).toContain('vendor/modules.txt:2: malformed package line "\\x1b]0;owned\\x07\\x1b[2J junk"');
    expect(error).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('dirs whose names hold a control character', () => {
  // Made at test time in a temp dir: such names never go into git.
  const s = loadSpec({
    'go.mod': gomod('example.com/m', '1.22', ['example.com/x']),
    'vendor/modules.txt': '# example.com/x v1.0.0\n## explicit\nexample.com/x\n',
    'vendor/example.com/x/x.go': goFile('x'),
    'vendor/example.com/x/sub\u0007bell/s.go': goFile('sub'),
    'cmd/ok/main.go': goFile('main', 'example.com/x'),
    'cmd/bad\nname/main.go': goFile('main'),
    'pkg/\u001b[31mred/p.go': goFile('red'),
    'cmd/link\u009bdir': { link: 'ok' },
  });

  it('are skipped, each with one warning naming it printably', () => {
    expect(s.tree.warnings.sort()).toEqual([
      'Directory cmd/bad\\x0aname has a control character in its name, skipped: Go rejects such import paths; rename it.',
      'Directory cmd/link\\x9bdir has a control character in its name, skipped: Go rejects such import paths; rename it.',
      'Directory pkg/\\x1b[31mred has a control character in its name, skipped: Go rejects such import paths; rename it.',
      'Directory vendor/example.com/x/sub\\x07bell has a control character in its name, skipped: Go rejects such import paths; rename it.',
    ]);
  });

  it('become no project, and no project name holds a control character', () => {
    expect(Object.keys(s.projects).sort()).toEqual(['.', 'cmd/ok', 'vendor/example.com/x']);
    const names = Object.values(s.projects).map((p) => p.name ?? '');
    expect(names.filter((n) => /[\u0000-\u001f\u007f-\u009f]/.test(n))).toEqual([]);
    expect(s.model.binaries.map((b) => b.name)).toEqual(['ok']);
  });
});

describe('workspace vendoring (go work vendor)', () => {
  const s = loadSpec({
    'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
    'vendor/modules.txt': [
      '## workspace',
      '# github.com/x/y v1.2.0',
      '## explicit; go 1.20',
      'github.com/x/y',
      'github.com/x/y/z',
      '# example.com/a => ./a',
      '## workspace',
      '# example.com/b => ./b',
      '## workspace',
      '',
    ].join('\n'),
    'vendor/github.com/x/y/y.go': goFile('y', 'github.com/x/y/z'),
    'vendor/github.com/x/y/z/z.go': goFile('z'),
    'a/go.mod': gomod('example.com/a', '1.22', ['github.com/x/y v1.2.0']),
    'a/pkg/p.go': goFile('p', 'github.com/x/y', 'example.com/b/lib'),
    'b/go.mod': gomod('example.com/b', '1.22'),
    'b/lib/lib.go': goFile('lib', 'github.com/x/y/z'),
  });

  it('resolves vendored modules to the vendor/ beside go.work', () => {
    const ws = s.graph.contexts.list[0];
    expect(ws).toMatchObject({ dir: '', kind: 'workspace' });
    expect(ws.vendor?.entries.map((e) => e.path)).toEqual(['github.com/x/y', 'example.com/a', 'example.com/b']);
    expect(s.graph.resolve('github.com/x/y/z', ws)).toEqual({ kind: 'vendor', module: 'github.com/x/y', dir: 'vendor/github.com/x/y/z' });
    // Main modules come first, whatever modules.txt lists.
    expect(s.graph.resolve('example.com/b/lib', ws)).toEqual({ kind: 'package', dir: 'b/lib' });
    expect(s.graph.homeOf.get('vendor/github.com/x/y')).toBe(ws);
    expect(s.graph.unresolved).toEqual([]);
  });

  it('makes the vendored module one project the workspace modules point at', () => {
    expect(s.model.vendored.map((v) => [v.dir, v.name, v.moduleDir])).toEqual([['vendor/github.com/x/y', 'github.com/x/y', '']]);
    expect(s.edges).toEqual(['example.com/a/pkg -> example.com/b/lib', 'example.com/a/pkg -> github.com/x/y', 'example.com/b/lib -> github.com/x/y']);
  });
});

describe('Kubernetes-like: test binaries (testBinaries) and the vendored ginkgo (extraBinaries)', () => {
  const k = 'k8s.io/kubernetes';
  const g = 'github.com/onsi/ginkgo/v2';
  const spec = {
    'go.mod': gomod(k, '1.22', [`${g} v2.22.0`]),
    'vendor/modules.txt': `# ${g} v2.22.0\n## explicit; go 1.22\n${g}\n${g}/ginkgo\n${g}/types\n`,
    [`vendor/${g}/ginkgo.go`]: goFile('ginkgo', `${g}/types`),
    [`vendor/${g}/types/types.go`]: goFile('types'),
    [`vendor/${g}/ginkgo/main.go`]: goFile('main', `${g}/types`),
    'cmd/kubelet/main.go': goFile('main', `${k}/pkg/kubelet`),
    'pkg/kubelet/kubelet.go': goFile('kubelet'),
    // Only tests: an internal and an external test package, and a linux-only test file.
    'test/e2e/e2e_test.go': goFile('e2e', `${k}/test/e2e/framework`, g),
    'test/e2e/apps_test.go': goFile('e2e_test', `${k}/test/e2e`, `${k}/test/e2e/framework`),
    'test/e2e/framework/framework.go': goFile('framework', `${k}/pkg/util`),
    'pkg/util/util.go': goFile('util'),
    'test/e2e_node/node_linux_test.go': goFile('e2enode', `${k}/pkg/util`),
    'test/images/agnhost/main.go': goFile('main'),
    'test/utils/utils.go': goFile('utils'),
  };
  const groups = {
    test: { targets: ['ginkgo', 'e2e.test'] },
    'test-server': { targets: ['test/e2e_node', 'ginkgo'], platforms: ['linux/amd64', 'windows/amd64'] },
  };
  const s = loadSpec(spec, { extraBinaries: [`vendor/${g}/ginkgo`], testBinaries: ['test/e2e', './test/e2e_node/'], groups });

  it('makes each listed test package a binary named <dir basename>.test, built by go test -c of the package', () => {
    const tests = s.model.binaries.filter((b) => b.testBinary);
    expect(tests.map((b) => [b.name, b.dir, b.main, b.moduleRoot])).toEqual([
      ['e2e.test', 'test/e2e', './test/e2e', ''],
      ['e2e_node.test', 'test/e2e_node', './test/e2e_node', ''],
    ]);
    expect(s.model.binaries.filter((b) => !b.testBinary).map((b) => b.name).sort()).toEqual(['ginkgo', 'kubelet']);
    expect(s.model.warnings).toEqual([]);
  });

  it('holds the package\'s dir as its one project, keeping its test target, with the build target of a binary', () => {
    const e2e = s.projects['test/e2e'];
    expect(e2e).toMatchObject({ name: 'e2e.test', tags: ['go:test-binary', 'group:test'], projectType: 'application' });
    expect(s.model.packages.map((p) => p.dir)).not.toContain('test/e2e');
    expect(Object.keys(e2e.targets ?? {}).sort()).toEqual(['build', 'cross', 'test']);
    const build = e2e.targets!.build;
    expect(build.options).toMatchObject({ main: './test/e2e', binaryName: 'e2e.test', testBinary: true, moduleRoot: '' });
    expect(build.configurations!['linux-amd64']).toEqual({
      platform: 'linux/amd64',
      outputPath: '_output/dockerized/bin/linux/amd64/e2e.test',
      localOutputPath: '_output/local/bin/linux/amd64/e2e.test',
    });
    expect(build.configurations!['windows-amd64'].outputPath).toBe('_output/dockerized/bin/windows/amd64/e2e.test.exe');
    expect(build.outputs).toEqual(['{options.outputPath}', '{options.localOutputPath}']);
    expect(build.cache).toBe(true);
    expect(e2e.targets!.test.options).toMatchObject({ packages: ['./test/e2e'] });
    // A main binary's build target says nothing of test binaries, so its options (and cache key) are as before.
    expect(s.projects['cmd/kubelet'].targets!.build.options).not.toHaveProperty('testBinary');
  });

  it('takes the test files as build inputs, and of the packages the tests import their non-test files', () => {
    const e2e = s.projects['test/e2e'];
    expect(e2e.targets!.build.inputs!.slice(0, 2)).toEqual(['goTestBinary', '^goBuild']);
    const own = e2e.namedInputs!.goTestBinary;
    expect(own).toContain('{projectRoot}/*.go');
    expect(own).not.toContain('!{projectRoot}/*_test.go');
    expect(own).not.toContain('{projectRoot}/testdata/**/*');
    // goBuild stays the package's non-test files: what a package importing it would compile.
    expect(e2e.namedInputs!.goBuild).toContain('!{projectRoot}/*_test.go');
    expect(s.projects['cmd/kubelet'].targets!.build.inputs![0]).toBe('goBuild');
  });

  it('has edges from the test binary to what only its tests import (TestImports and XTestImports), transitively', () => {
    expect(s.edges.filter((e) => e.startsWith('e2e.test ') || e.startsWith('e2e_node.test ') || e.startsWith(`${k}/test/e2e/framework `))).toEqual([
      `e2e.test -> ${g} (test)`,
      `e2e.test -> ${k}/test/e2e/framework (test)`,
      `e2e_node.test -> ${k}/pkg/util (test)`,
      `${k}/test/e2e/framework -> ${k}/pkg/util`,
    ]);
  });

  it('takes the platforms the test files build for: a linux-only test file leaves e2e_node.test no windows', () => {
    const node = s.model.binaries.find((b) => b.name === 'e2e_node.test')!;
    expect(node.platforms.map((p) => `${p.os}/${p.arch}`)).toEqual(['linux/amd64']);
    expect(node.droppedPlatforms.map((d) => d.platform)).toEqual(['windows/amd64']);
    expect(node.droppedPlatforms[0].files).toEqual(['node_linux_test.go (file name)']);
  });

  it('puts group members in by name or dir, and names the vendored ginkgo after its module as golang.sh does', () => {
    expect(s.projects['test/e2e_node']).toMatchObject({ name: 'e2e_node.test', tags: ['go:test-binary', 'group:test-server'] });
    expect(s.projects[`vendor/${g}/ginkgo`]).toMatchObject({ name: 'ginkgo', tags: ['go:binary', 'group:test', 'group:test-server'] });
    expect(s.projects[`vendor/${g}/ginkgo`].targets!.build.options).toMatchObject({ main: `${g}/ginkgo`, binaryName: 'ginkgo' });
    const release = s.projects['.'].targets!.release.options as { groups: Record<string, { binaries: { project: string; name: string }[] }> };
    expect(release.groups.test.binaries.map((b) => b.name).sort()).toEqual(['e2e.test', 'ginkgo']);
  });

  it('renames a test binary through names, and warns for dirs that cannot be test binaries', () => {
    const r = loadSpec(spec, {
      testBinaries: ['test/e2e', 'test/utils', 'cmd/kubelet', 'test/nope', `vendor/${g}/types`],
      names: { 'test/e2e': 'conformance.test' },
    });
    expect(r.projects['test/e2e'].name).toBe('conformance.test');
    expect(r.model.binaries.filter((b) => b.testBinary).map((b) => b.name)).toEqual(['conformance.test']);
    expect(r.projects['cmd/kubelet']).toMatchObject({ name: 'kubelet', tags: ['go:binary'] });
    expect(r.model.warnings).toEqual([
      'testBinaries lists "test/utils", but test/utils has no _test.go files, so go test -c would build nothing: remove it.',
      'testBinaries lists "cmd/kubelet", but cmd/kubelet has no _test.go files, so go test -c would build nothing: remove it.',
      'testBinaries lists "test/nope", but no module holds a Go package there: fix the path (module-relative, e.g. test/e2e) or remove it.',
      `testBinaries lists "vendor/${g}/types", but vendor/${g}/types is vendored, and Go does not build the tests of vendored packages: remove it.`,
    ]);
  });
});
