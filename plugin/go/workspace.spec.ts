import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildClosure, packageGraph, PackageGraph } from './graph';
import { scanGoTree } from './tree';
import { GoTree } from './types';

/**
 * The sample workspace checked against the real Go toolchain: for every
 * cmd/<bin>, the non-standard packages `go list -deps` builds must be exactly
 * the closure computed from the scanned tree and the resolver.
 */
const WS = path.resolve(__dirname, '../../workspace');
// The host Go from PATH: CI installs it (scripts/prereqs.sh).
const GO = 'go';

/** BFS from the binary with the resolution of the context it builds in, as `go build` there does. */
function closure(tree: GoTree, graph: PackageGraph, startDir: string): { deps: string[]; unresolved: string[] } {
  const ctx = graph.homeOf.get(startDir);
  if (!ctx) throw new Error(`${startDir} builds in no context`);
  const deps = new Set<string>();
  const unresolved: string[] = [];
  const seen = new Set<string>([startDir]);
  const queue = [startDir];
  while (queue.length > 0) {
    const pkg = tree.packages.get(queue.shift() as string);
    if (!pkg) continue;
    deps.add(pkg.importPath);
    for (const imp of pkg.imports) {
      if (imp.test) continue;
      const r = graph.resolve(imp.path, ctx);
      if (r.kind === 'std') continue;
      if (r.kind === 'unknown' || r.kind === 'external' || !tree.packages.has(r.dir)) {
        unresolved.push(`${imp.path} (from ${imp.file})`);
        continue;
      }
      if (!seen.has(r.dir)) {
        seen.add(r.dir);
        queue.push(r.dir);
      }
    }
  }
  return { deps: [...deps].sort(), unresolved };
}

function goListDeps(bin: string): string[] {
  const out = execFileSync(GO, ['list', '-deps', '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', `./cmd/${bin}`], {
    cwd: WS,
    encoding: 'utf8',
    env: { ...process.env, GOWORK: 'off', GOPROXY: 'off', GOFLAGS: '', GO111MODULE: 'on' },
  });
  return out.split('\n').filter(Boolean).sort();
}

describe('sample workspace against go list', () => {
  const tree = scanGoTree(WS);
  const graph = packageGraph(tree);
  const bins = fs
    .readdirSync(path.join(WS, 'cmd'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && tree.packages.get(`cmd/${e.name}`)?.name === 'main')
    .map((e) => e.name)
    .sort();

  it('has binaries and scans without warnings', () => {
    expect(bins.length).toBeGreaterThan(0);
    expect(tree.warnings).toEqual([]);
    expect(graph.unresolved).toEqual([]);
    expect(graph.contexts.list.map((c) => c.dir)).toEqual(['']);
  });

  it.each(bins)('cmd/%s', (bin) => {
    const { deps, unresolved } = closure(tree, graph, `cmd/${bin}`);
    expect(unresolved).toEqual([]);
    const want = goListDeps(bin);
    expect(deps).toEqual(want);
    // The graph's edges give the same closure (the sample workspace builds in one context).
    const fromEdges = [...buildClosure(graph.edges, `cmd/${bin}`)].map((d) => tree.packages.get(d)!.importPath).sort();
    expect(fromEdges).toEqual(want);
  }, 120_000);
});
