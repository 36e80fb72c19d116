import { fakeTree } from './fixtures.spec-helpers';
import { packageGraph } from './go/graph';
import { GoTree } from './go/types';
import { buildModel, lastElement } from './model';
import { NormalizedOptions, normalizeOptions } from './options';
import { platformString } from './platforms';

const model = (tree: GoTree, options: NormalizedOptions) => buildModel(tree, packageGraph(tree), options);

describe('buildModel', () => {
  const tree = fakeTree([{ dir: 'ws', path: 'k8s.io/kubernetes' }], {
    'ws/cmd/kubelet': { name: 'main', module: 'ws', importPath: 'k8s.io/kubernetes/cmd/kubelet', imports: ['k8s.io/kubernetes/pkg/kubelet'] },
    'ws/cmd/kubectl': { name: 'main', module: 'ws', importPath: 'k8s.io/kubernetes/cmd/kubectl' },
    'ws/test/e2e/cmd/e2e': { name: 'main', module: 'ws', importPath: 'k8s.io/kubernetes/test/e2e/cmd/e2e' },
    'ws/cmd/notmain': { name: 'lib', module: 'ws', importPath: 'k8s.io/kubernetes/cmd/notmain' },
    'ws/hack/tool': { name: 'main', module: 'ws', importPath: 'k8s.io/kubernetes/hack/tool' },
    'ws/pkg/kubelet': { name: 'kubelet', module: 'ws', importPath: 'k8s.io/kubernetes/pkg/kubelet', tests: true },
    'ws/vendor/sigs.k8s.io/yaml': { name: 'yaml', module: 'ws', importPath: 'sigs.k8s.io/yaml', vendoredModule: 'sigs.k8s.io/yaml' },
    'ws/vendor/sigs.k8s.io/yaml/goyaml': { name: 'goyaml', module: 'ws', importPath: 'sigs.k8s.io/yaml/goyaml', vendoredModule: 'sigs.k8s.io/yaml' },
  });

  it('finds binaries by the default globs (cmd/*, **/cmd/*) and only main packages', () => {
    const m = model(tree, normalizeOptions({}));
    expect(m.binaries.map((b) => b.name).sort()).toEqual(['e2e', 'kubectl', 'kubelet']);
    const kubelet = m.binaries.find((b) => b.name === 'kubelet')!;
    expect(kubelet).toMatchObject({ moduleRoot: 'ws', main: './cmd/kubelet', moduleRelDir: 'cmd/kubelet', groups: [] });
  });

  it('names package projects by import path and vendored modules by module path', () => {
    const m = model(tree, normalizeOptions({}));
    expect(m.packages.map((p) => p.importPath)).toEqual(['k8s.io/kubernetes/cmd/notmain', 'k8s.io/kubernetes/hack/tool', 'k8s.io/kubernetes/pkg/kubelet']);
    expect(m.vendored).toEqual([expect.objectContaining({ name: 'sigs.k8s.io/yaml', dir: 'ws/vendor/sigs.k8s.io/yaml' })]);
    expect(m.projectOfDir.get('ws/vendor/sigs.k8s.io/yaml/goyaml')).toBe('sigs.k8s.io/yaml');
    expect(m.modules[0].name).toBe('kubernetes');
    expect(m.modules[0].releaseName).toBe('kubernetes');
  });

  it('takes extraBinaries and renames through names', () => {
    const m = model(tree, normalizeOptions({ extraBinaries: ['hack/tool'], names: { 'hack/tool': 'hacktool' } }));
    expect(m.binaries.map((b) => b.name)).toContain('hacktool');
  });

  it('rejects two binaries with one name, naming both paths and the option', () => {
    const clash = fakeTree([{ dir: '', path: 'example.com/x' }], {
      'cmd/server': { name: 'main', module: '', importPath: 'example.com/x/cmd/server' },
      'tools/cmd/server': { name: 'main', module: '', importPath: 'example.com/x/tools/cmd/server' },
    });
    expect(() => model(clash, normalizeOptions({}))).toThrow(
      'Two Go binaries are named "server": cmd/server and tools/cmd/server. Rename one with the plugin option "names", e.g. {"names": {"tools/cmd/server": "server-2"}}.',
    );
  });

  it('gives group members the union of their platforms, whatever KUBE_BUILD_PLATFORMS says', () => {
    const opts = normalizeOptions({ groups: { server: { targets: ['kubelet'] }, node: { targets: ['kubelet'] }, client: { targets: ['kubectl'] } } });
    const m = model(tree, opts);
    const kubelet = m.binaries.find((b) => b.name === 'kubelet')!;
    expect(kubelet.groups).toEqual(['server', 'node']);
    expect(kubelet.platforms.map(platformString)).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le', 'windows/amd64']);
    process.env.KUBE_BUILD_PLATFORMS = 'linux/arm64';
    try {
      // The graph stays put so task hashes do; cross and release do the narrowing.
      expect(model(tree, opts).binaries.find((b) => b.name === 'kubelet')!.platforms).toEqual(kubelet.platforms);
    } finally {
      delete process.env.KUBE_BUILD_PLATFORMS;
    }
  });

  it('builds binaries of a module the root vendors through a link from the root, by import path', () => {
    const agg = 'ws/staging/src/k8s.io/kube-aggregator';
    const staged = (linked: boolean) =>
      fakeTree(
        [
          {
            dir: 'ws',
            path: 'k8s.io/kubernetes',
            requires: ['k8s.io/kube-aggregator'],
            replaces: { 'k8s.io/kube-aggregator': './staging/src/k8s.io/kube-aggregator' },
            ...(linked
              ? {
                  vendor: [{ path: 'k8s.io/kube-aggregator', version: 'v0.0.0', replacement: { path: './staging/src/k8s.io/kube-aggregator' }, explicit: true, packages: ['k8s.io/kube-aggregator'] }],
                  vendorLinks: { 'k8s.io/kube-aggregator': agg },
                }
              : {}),
          },
          { dir: agg, path: 'k8s.io/kube-aggregator', root: false },
        ],
        { [agg]: { name: 'main', module: agg, importPath: 'k8s.io/kube-aggregator' } },
      );
    const m = model(staged(true), normalizeOptions({ extraBinaries: ['staging/src/k8s.io/kube-aggregator'] }));
    expect(m.binaries).toEqual([expect.objectContaining({ name: 'kube-aggregator', moduleRoot: 'ws', main: 'k8s.io/kube-aggregator' })]);
    expect(m.warnings).toEqual([]);
    // Not vendored: a module of its own, built in its dir; a module-root main needs no extraBinaries.
    const alone = model(staged(false), normalizeOptions({}));
    expect(alone.binaries).toEqual([expect.objectContaining({ name: 'kube-aggregator', moduleRoot: agg, main: '.' })]);
  });

  it('never names the module project like a binary', () => {
    const t = fakeTree([{ dir: '', path: 'example.com/tool' }], { 'cmd/tool': { name: 'main', module: '', importPath: 'example.com/tool/cmd/tool' } });
    expect(model(t, normalizeOptions({})).modules[0].name).toBe('tool-module');
  });

  it.each([
    ['k8s.io/kubernetes', 'kubernetes'],
    ['github.com/acme/widget/v2', 'widget'],
    ['example.com', 'example.com'],
  ])('release name of %s is %s', (mod, name) => {
    expect(lastElement(mod)).toBe(name);
  });
});
