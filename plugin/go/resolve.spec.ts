import * as path from 'path';
import { createResolver, Resolver } from './resolve';
import { goFile, k8sLikeSpec, makeTree, removeTree, TreeSpec, writeTree } from './temp-tree.spec-helpers';
import { scanGoTree } from './tree';
import { ResolvedImport } from './types';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));
function resolverFor(spec: TreeSpec | ((root: string) => TreeSpec)): Resolver {
  const root = makeTree({});
  roots.push(root);
  writeTree(root, typeof spec === 'function' ? spec(root) : spec);
  return createResolver(scanGoTree(root));
}

const pkg = (dir: string): ResolvedImport => ({ kind: 'package', dir });
const STD: ResolvedImport = { kind: 'std' };
const UNKNOWN: ResolvedImport = { kind: 'unknown' };

describe('createResolver on a Kubernetes-shaped tree', () => {
  const resolve = resolverFor(k8sLikeSpec());
  const cases: [string, string, ResolvedImport][] = [
    ['fmt', '', STD],
    ['net/http', 'staging/src/k8s.io/api', STD],
    ['C', '', STD],
    ['k8s.io/kubernetes/pkg/kubelet', '', pkg('pkg/kubelet')],
    ['k8s.io/kubernetes/pkg/missing', '', UNKNOWN],
    // vendor mode: local replacement and vendor symlink land on staging, once.
    ['k8s.io/api/core/v1', '', pkg('staging/src/k8s.io/api/core/v1')],
    ['k8s.io/client-go/kubernetes', '', pkg('staging/src/k8s.io/client-go/kubernetes')],
    ['github.com/foo/bar', '', { kind: 'vendor', module: 'github.com/foo/bar', dir: 'vendor/github.com/foo/bar' }],
    ['github.com/foo/bar/util', '', { kind: 'vendor', module: 'github.com/foo/bar', dir: 'vendor/github.com/foo/bar/util' }],
    ['github.com/foo/bar/nested', '', { kind: 'vendor', module: 'github.com/foo/bar/nested', dir: 'vendor/github.com/foo/bar/nested' }],
    ['github.com/not/vendored', '', UNKNOWN],
    // a package of a module nested in the main module is that module's.
    ['k8s.io/kubernetes/hack/tools/gen', '', pkg('hack/tools/gen')],
    // staging modules have no vendor/: their replace directives apply.
    ['k8s.io/api/core/v1', 'staging/src/k8s.io/client-go', pkg('staging/src/k8s.io/api/core/v1')],
    ['github.com/foo/bar', 'staging/src/k8s.io/client-go', UNKNOWN],
    ['k8s.io/client-go/kubernetes', 'staging/src/k8s.io/api', pkg('staging/src/k8s.io/client-go/kubernetes')],
    ['k8s.io/kubernetes/pkg/kubelet', 'hack/tools', pkg('pkg/kubelet')],
    ['k8s.io/kubernetes/hack/tools/gen', 'hack/tools', pkg('hack/tools/gen')],
    ['k8s.io/kubernetes/pkg/kubelet', 'not/a/module', pkg('pkg/kubelet')],
  ];
  it.each(cases)('%s from %j', (importPath, from, want) => {
    expect(resolve(importPath, from)).toEqual(want);
  });

  it('caches per import path and module', () => {
    expect(resolve('k8s.io/api/core/v1', '')).toBe(resolve('k8s.io/api/core/v1', ''));
  });
});

describe('createResolver replace, links and module paths', () => {
  it('follows a vendor symlink to an in-repo module without a replacement', () => {
    const resolve = resolverFor({
      'go.mod': 'module m.io/m\n\nrequire k8s.io/x v0.0.0\n',
      'vendor/modules.txt': '# k8s.io/x v0.0.0\n## explicit\nk8s.io/x/y\n',
      'vendor/k8s.io/x': { link: '../../staging/x' },
      'staging/x/go.mod': 'module k8s.io/x\n',
      'staging/x/y/y.go': goFile('y'),
    });
    expect(resolve('k8s.io/x/y', '')).toEqual(pkg('staging/x/y'));
    expect(resolve('k8s.io/x/z', '')).toEqual({ kind: 'vendor', module: 'k8s.io/x', dir: 'vendor/k8s.io/x/z' });
  });

  it('prefers a replace over an in-repo module of the same path, and honours non-local replaces', () => {
    const resolve = resolverFor((root) => ({
      'go.mod': [
        'module m.io/m',
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
      'other/go.mod': 'module o.io/other\n',
    }));
    expect(resolve('a.io/lib/x', '')).toEqual(pkg('forks/lib/x'));
    expect(resolve('b.io/lib/x', '')).toEqual(UNKNOWN);
    expect(resolve('c.io/abs', '')).toEqual(pkg('abs'));
    // Another module has no replaces: the first in-repo module of that path.
    expect(resolve('a.io/lib/x', 'other')).toEqual(pkg('forks/lib/x'));
    expect(resolve('b.io/lib/x', 'other')).toEqual(pkg('libs/b/x'));
  });

  it('resolves a dotless module path instead of calling it standard library', () => {
    const resolve = resolverFor({
      'go.mod': 'module example\n',
      'b/b.go': goFile('b'),
    });
    expect(resolve('example/b', '')).toEqual(pkg('b'));
    expect(resolve('example', '')).toEqual(STD);
    expect(resolve('fmt', '')).toEqual(STD);
  });

  it('resolves through a followed directory symlink to the canonical dir', () => {
    const resolve = resolverFor({
      'mod/go.mod': 'module m.io/m\n',
      'mod/linked': { link: '../shared/pkg' },
      'shared/pkg/p.go': goFile('p'),
    });
    expect(resolve('m.io/m/linked', 'mod')).toEqual(pkg('shared/pkg'));
  });
});
