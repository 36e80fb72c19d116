import * as path from 'path';
import { BuildContext, buildContexts, Contexts } from './contexts';
import { createResolver } from './resolve';
import { goFile, k8sLikeSpec, makeTree, removeTree, TreeSpec, writeTree } from './temp-tree.spec-helpers';
import { scanGoTree } from './tree';
import { GoModule, GoTree, ResolvedImport } from './types';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

interface Fixture {
  tree: GoTree;
  contexts: Contexts;
  /** Resolves in the context the module at `fromModuleDir` builds in. */
  resolve: (importPath: string, fromModuleDir: string) => ResolvedImport;
  /** Resolves in a hand-made context of the module alone, as `cd <dir> && go build` would. */
  resolveAlone: (importPath: string, moduleDir: string) => ResolvedImport;
}

function resolverFor(spec: TreeSpec | ((root: string) => TreeSpec)): Fixture {
  const root = makeTree({});
  roots.push(root);
  writeTree(root, typeof spec === 'function' ? spec(root) : spec);
  const tree = scanGoTree(root);
  const contexts = buildContexts(tree);
  const resolver = createResolver(tree);
  const alone = new Map<string, BuildContext>();
  return {
    tree,
    contexts,
    resolve: (importPath, from) => {
      const ctx = contexts.ofModule.get(from);
      if (!ctx) throw new Error(`no context for module ${from}`);
      return resolver(importPath, ctx);
    },
    resolveAlone: (importPath, dir) => {
      let ctx = alone.get(dir);
      if (!ctx) {
        const m = tree.modules.find((x) => x.dir === dir) as GoModule;
        ctx = { dir, kind: 'module', mainModules: [m], replaces: m.mod.replaces.map((replace) => ({ replace, baseDir: dir })) };
        alone.set(dir, ctx);
      }
      return resolver(importPath, ctx);
    },
  };
}

const pkg = (dir: string): ResolvedImport => ({ kind: 'package', dir });
const vendor = (module: string, dir: string): ResolvedImport => ({ kind: 'vendor', module, dir });
const external = (module: string): ResolvedImport => ({ kind: 'external', module });
const STD: ResolvedImport = { kind: 'std' };
const UNKNOWN: ResolvedImport = { kind: 'unknown' };

describe('createResolver on a Kubernetes-shaped tree', () => {
  const f = resolverFor(k8sLikeSpec());

  it('builds staging modules (vendored through links) in the root context, and hack/tools alone', () => {
    const root = f.contexts.ofModule.get('');
    expect(root).toMatchObject({ dir: '', kind: 'module' });
    expect(f.contexts.ofModule.get('staging/src/k8s.io/api')).toBe(root);
    expect(f.contexts.ofModule.get('staging/src/k8s.io/client-go')).toBe(root);
    expect(f.contexts.ofModule.get('hack/tools')).toMatchObject({ dir: 'hack/tools', kind: 'module', vendor: undefined });
    expect(f.contexts.ofModule.get('not/a/module')).toBeUndefined();
    expect(f.contexts.list.map((c) => c.dir)).toEqual(['', 'hack/tools']);
  });

  const cases: [string, string, ResolvedImport][] = [
    ['fmt', '', STD],
    ['net/http', 'staging/src/k8s.io/api', STD],
    ['C', '', STD],
    ['k8s.io/kubernetes/pkg/kubelet', '', pkg('pkg/kubelet')],
    ['k8s.io/kubernetes/pkg/missing', '', UNKNOWN],
    // vendor mode: local replacement and vendor symlink land on staging, once.
    ['k8s.io/api/core/v1', '', pkg('staging/src/k8s.io/api/core/v1')],
    ['k8s.io/client-go/kubernetes', '', pkg('staging/src/k8s.io/client-go/kubernetes')],
    ['github.com/foo/bar', '', vendor('github.com/foo/bar', 'vendor/github.com/foo/bar')],
    ['github.com/foo/bar/util', '', vendor('github.com/foo/bar', 'vendor/github.com/foo/bar/util')],
    ['github.com/foo/bar/nested', '', vendor('github.com/foo/bar/nested', 'vendor/github.com/foo/bar/nested')],
    // vendor mode: a module missing from modules.txt is an error, never the module cache.
    ['github.com/not/vendored', '', UNKNOWN],
    // hack/tools has its own go.mod, so its packages are not in k8s.io/kubernetes, and it is not vendored.
    ['k8s.io/kubernetes/hack/tools/gen', '', UNKNOWN],
    // Staging packages build in the root context, so they see the root's vendor/ and each other through it.
    ['github.com/foo/bar', 'staging/src/k8s.io/client-go', vendor('github.com/foo/bar', 'vendor/github.com/foo/bar')],
    ['k8s.io/client-go/kubernetes', 'staging/src/k8s.io/api', pkg('staging/src/k8s.io/client-go/kubernetes')],
    // hack/tools requires nothing: k8s.io/kubernetes is no module of its build.
    ['k8s.io/kubernetes/pkg/kubelet', 'hack/tools', UNKNOWN],
    ['k8s.io/kubernetes/hack/tools/gen', 'hack/tools', pkg('hack/tools/gen')],
  ];
  it.each(cases)('%s from %j', (importPath, from, want) => {
    expect(f.resolve(importPath, from)).toEqual(want);
  });

  // Built on their own (no vendor/ there), staging modules follow their own go.mod.
  const alone: [string, string, ResolvedImport][] = [
    ['k8s.io/api/core/v1', 'staging/src/k8s.io/client-go', pkg('staging/src/k8s.io/api/core/v1')],
    ['k8s.io/client-go/kubernetes', 'staging/src/k8s.io/client-go', pkg('staging/src/k8s.io/client-go/kubernetes')],
    ['github.com/foo/bar', 'staging/src/k8s.io/client-go', UNKNOWN],
    ['k8s.io/client-go/kubernetes', 'staging/src/k8s.io/api', UNKNOWN],
  ];
  it.each(alone)('%s from %j built alone', (importPath, from, want) => {
    expect(f.resolveAlone(importPath, from)).toEqual(want);
  });

  it('caches per import path and context', () => {
    expect(f.resolve('k8s.io/api/core/v1', '')).toBe(f.resolve('k8s.io/api/core/v1', 'staging/src/k8s.io/api'));
    expect(f.resolve('k8s.io/api/core/v1', '')).not.toBe(f.resolveAlone('k8s.io/api/core/v1', 'staging/src/k8s.io/client-go'));
  });
});

describe('createResolver replace, links and module paths', () => {
  it('follows a vendor symlink to an in-repo module without a replacement', () => {
    const f = resolverFor({
      'go.mod': 'module m.io/m\n\nrequire k8s.io/x v0.0.0\n',
      'vendor/modules.txt': '# k8s.io/x v0.0.0\n## explicit\nk8s.io/x/y\n',
      'vendor/k8s.io/x': { link: '../../staging/x' },
      'staging/x/go.mod': 'module k8s.io/x\n',
      'staging/x/y/y.go': goFile('y'),
    });
    expect(f.resolve('k8s.io/x/y', '')).toEqual(pkg('staging/x/y'));
    expect(f.resolve('k8s.io/x/z', '')).toEqual(vendor('k8s.io/x', 'vendor/k8s.io/x/z'));
    // The linked module builds where it is vendored.
    expect(f.contexts.ofModule.get('staging/x')).toBe(f.contexts.ofModule.get(''));
  });

  it('prefers a replace over an in-repo module of the same path, and honours non-local replaces', () => {
    const f = resolverFor((root) => ({
      'go.mod': [
        'module m.io/m',
        'require (',
        '\ta.io/lib v1.0.0',
        '\tb.io/lib v1.0.0',
        '\tc.io/abs v1.0.0',
        '\tr.io/req v1.2.0',
        ')',
        'replace a.io/lib => ./forks/lib',
        'replace b.io/lib => github.com/fork/lib v1.0.0',
        `replace c.io/abs => ${path.join(root, 'abs')}`,
        '',
      ].join('\n'),
      'forks/lib/go.mod': 'module a.io/lib\n',
      'forks/lib/x/x.go': goFile('x'),
      'libs/a/go.mod': 'module a.io/lib\n',
      'libs/a/x/x.go': goFile('x'),
      'libs/b/go.mod': 'module b.io/lib\n',
      'libs/b/x/x.go': goFile('x'),
      'abs/go.mod': 'module c.io/abs\n',
      'abs/p.go': goFile('abs'),
      'other/go.mod': 'module o.io/other\n\nrequire a.io/lib v1.0.0\n',
    }));
    expect(f.resolve('a.io/lib/x', '')).toEqual(pkg('forks/lib/x'));
    // Replaced by another module: it comes from the module cache, not from libs/b.
    expect(f.resolve('b.io/lib/x', '')).toEqual(external('b.io/lib'));
    expect(f.resolve('c.io/abs', '')).toEqual(pkg('abs'));
    // Required, not replaced: the module cache.
    expect(f.resolve('r.io/req/sub', '')).toEqual(external('r.io/req'));
    expect(f.resolve('n.io/neither', '')).toEqual(UNKNOWN);
    // Another module sees neither the root's replaces nor an in-repo module of the same path.
    expect(f.resolve('a.io/lib/x', 'other')).toEqual(external('a.io/lib'));
    expect(f.resolve('b.io/lib/x', 'other')).toEqual(UNKNOWN);
  });

  it('resolves a dotless module path instead of calling it standard library', () => {
    const f = resolverFor({
      'go.mod': 'module example\n',
      'b/b.go': goFile('b'),
    });
    expect(f.resolve('example/b', '')).toEqual(pkg('b'));
    expect(f.resolve('example', '')).toEqual(STD);
    expect(f.resolve('fmt', '')).toEqual(STD);
  });

  it('resolves through a followed directory symlink to the canonical dir', () => {
    const f = resolverFor({
      'mod/go.mod': 'module m.io/m\n',
      'mod/linked': { link: '../shared/pkg' },
      'shared/pkg/p.go': goFile('p'),
    });
    expect(f.resolve('m.io/m/linked', 'mod')).toEqual(pkg('shared/pkg'));
  });

  it('ignores vendor/ below go 1.14, as the go command does without -mod=vendor', () => {
    const f = resolverFor({
      'go.mod': 'module m.io/m\n\ngo 1.13\n\nrequire a.io/x v1.0.0\n',
      'vendor/modules.txt': '# a.io/x v1.0.0\na.io/x\n',
      'vendor/a.io/x/x.go': goFile('x'),
    });
    expect(f.contexts.ofModule.get('')?.vendor).toBeUndefined();
    expect(f.resolve('a.io/x', '')).toEqual(external('a.io/x'));
  });
});
