import { cleanupSpecs, loadSpec } from '../load.spec-helpers';
import { buildClosure, DirEdge, packageGraph } from './graph';
import { k8sLikeSpec } from './temp-tree.spec-helpers';

afterAll(cleanupSpecs);

describe('packageGraph on a Kubernetes-shaped tree', () => {
  const s = loadSpec(k8sLikeSpec());

  it('builds staging modules vendored through vendor/ links in the root context', () => {
    const root = s.graph.contexts.ofModule.get('');
    expect(root?.dir).toBe('');
    for (const d of ['staging/src/k8s.io/api/core/v1', 'staging/src/k8s.io/client-go/kubernetes', 'pkg/kubelet', 'vendor/github.com/foo/bar']) {
      expect(s.graph.homeOf.get(d)).toBe(root);
    }
    expect(s.graph.homeOf.get('hack/tools/gen')?.dir).toBe('hack/tools');
  });

  it('makes one project per staging package, under its real dir', () => {
    expect(s.nameOf('staging/src/k8s.io/api/core/v1')).toBe('k8s.io/api/core/v1');
    expect(s.nameOf('staging/src/k8s.io/client-go/kubernetes')).toBe('k8s.io/client-go/kubernetes');
    expect(Object.keys(s.projects).filter((d) => d.includes('k8s.io/')).sort()).toEqual([
      'staging/src/k8s.io/api/core/v1',
      'staging/src/k8s.io/client-go/kubernetes',
    ]);
  });

  it('follows imports as the root build compiles them, tests of home packages included', () => {
    // bar -> bar/util stays inside one vendored project: no edge.
    expect(s.edges).toEqual([
      'k8s.io/api/core/v1 -> github.com/foo/bar',
      'k8s.io/client-go/kubernetes -> k8s.io/api/core/v1',
      'k8s.io/kubernetes/pkg/kubelet -> github.com/foo/bar',
      'k8s.io/kubernetes/pkg/kubelet -> github.com/foo/bar/nested (test)',
      'k8s.io/kubernetes/pkg/kubelet -> k8s.io/api/core/v1',
      'kubelet -> k8s.io/client-go/kubernetes',
      'kubelet -> k8s.io/kubernetes/pkg/kubelet',
    ]);
  });

  it('reports the import Go fails on: hack/tools requires no k8s.io/kubernetes', () => {
    expect(s.graph.unresolved).toEqual([{ file: 'hack/tools/gen/main.go', importPath: 'k8s.io/kubernetes/pkg/kubelet', context: 'hack/tools' }]);
  });

  it('closes over non-test imports only', () => {
    expect([...buildClosure(s.graph.edges, 'cmd/kubelet')].sort()).toEqual([
      'cmd/kubelet',
      'pkg/kubelet',
      'staging/src/k8s.io/api/core/v1',
      'staging/src/k8s.io/client-go/kubernetes',
      'vendor/github.com/foo/bar',
      'vendor/github.com/foo/bar/util',
    ]);
  });
});

describe('buildClosure', () => {
  const e = (from: string, to: string, test = false): DirEdge => ({ from, to, test, file: `${from}/x.go`, importPath: to });
  it.each([
    ['a', ['a', 'b', 'c']],
    ['b', ['b', 'c']],
    ['d', ['a', 'b', 'c', 'd']],
  ])('from %s, through a cycle, skipping the test-only edge a -> d', (start, want) => {
    const edges = [e('a', 'b'), e('b', 'c'), e('c', 'b'), e('a', 'd', true), e('d', 'a')];
    expect([...buildClosure(edges, start)].sort()).toEqual(want);
  });
});

it('gives a context with an error no edges', () => {
  const s = loadSpec({ 'go.mod': 'module m.io/m\n', 'vendor/modules.txt': 'oops\n', 'a/a.go': 'package a\n\nimport "m.io/m/b"\n', 'b/b.go': 'package b\n' });
  expect(s.graph.contexts.list[0].error).toMatch(/^vendor\/modules\.txt:1: /);
  expect(packageGraph(s.tree).edges).toEqual([]);
});
