/**
 * The package import graph, the way the go command compiles it: each build
 * context starts from the packages that build in it and follows their
 * imports with its own resolution, so a package reached from two contexts
 * (a staging package seen from the root, a module replaced into another) gets
 * the edges of both. Pure over the scanned tree.
 */
import { BuildContext, buildContexts, contextOfPackage, Contexts } from './contexts';
import { createResolver, Resolver } from './resolve';
import { BuildConfigs, buildableFile } from './constraint';
import { GoImport, GoPackage, GoTree } from './types';

/** One import of one file that lands on a package of the tree. */
export interface DirEdge {
  /** Importing package dir and target package dir (canonical). */
  from: string;
  to: string;
  file: string;
  importPath: string;
  /** The import is in a _test.go file. */
  test: boolean;
}

/** An import that resolves nowhere: Go would fail on it in that context. */
export interface UnresolvedImport {
  file: string;
  importPath: string;
  /** The context's dir (where `go build` runs). */
  context: string;
}

export interface PackageGraph {
  contexts: Contexts;
  resolve: Resolver;
  edges: DirEdge[];
  unresolved: UnresolvedImport[];
  /** Package dir → the context it builds and tests in. */
  homeOf: Map<string, BuildContext>;
}

/** Contexts with an error (their go.work or go.mod did not parse) yield no edges: their projects fail on their own. */
export function packageGraph(tree: GoTree, configs?: BuildConfigs): PackageGraph {
  const contexts = buildContexts(tree);
  const resolve = createResolver(tree);
  const homeOf = new Map<string, BuildContext>();
  const seeds = new Map<BuildContext, GoPackage[]>();
  for (const p of tree.packages.values()) {
    const ctx = contextOfPackage(contexts, tree, p);
    if (!ctx) continue;
    homeOf.set(p.dir, ctx);
    if (!seeds.has(ctx)) seeds.set(ctx, []);
    (seeds.get(ctx) as GoPackage[]).push(p);
  }
  const edges: DirEdge[] = [];
  const unresolved: UnresolvedImport[] = [];
  const seen = new Set<string>();
  const perFile = new Map<string, boolean>();
  // An import counts when some configured build compiles its file (platform, tags, cgo).
  const buildable = (imp: GoImport): boolean => {
    if (!configs) return true;
    let b = perFile.get(imp.file);
    if (b === undefined) perFile.set(imp.file, (b = buildableFile(imp.file, imp.constraint, configs)));
    return b;
  };
  for (const ctx of contexts.list) {
    if (ctx.error) continue;
    walkContext(tree, ctx, seeds.get(ctx) ?? [], resolve, buildable, (e) => {
      const key = `${e.from}\0${e.to}\0${e.file}`;
      if (seen.has(key)) return;
      seen.add(key);
      edges.push(e);
    }, unresolved);
  }
  return { contexts, resolve, edges, unresolved, homeOf };
}

/** Breadth-first from the context's own packages; tests count only where they run (a package's home). */
function walkContext(
  tree: GoTree,
  ctx: BuildContext,
  seeds: GoPackage[],
  resolve: Resolver,
  buildable: (imp: GoImport) => boolean,
  edge: (e: DirEdge) => void,
  unresolved: UnresolvedImport[],
): void {
  const home = new Set(seeds.map((p) => p.dir));
  const reached = new Set(home);
  const queue = [...seeds];
  for (let k = 0; k < queue.length; k++) {
    const p = queue[k];
    for (const imp of p.imports) {
      if ((imp.test && !home.has(p.dir)) || !buildable(imp)) continue;
      const r = resolve(imp.path, ctx);
      if (r.kind === 'std' || r.kind === 'external') continue;
      if (r.kind === 'unknown' || !tree.packages.has(r.dir)) {
        unresolved.push({ file: imp.file, importPath: imp.path, context: ctx.dir });
        continue;
      }
      if (r.dir !== p.dir) edge({ from: p.dir, to: r.dir, file: imp.file, importPath: imp.path, test: imp.test });
      if (!reached.has(r.dir)) {
        reached.add(r.dir);
        queue.push(tree.packages.get(r.dir) as GoPackage);
      }
    }
  }
}

/** Package dirs a package compiles with, through non-test imports of the given edges. */
export function buildClosure(edges: readonly DirEdge[], start: string): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.test) continue;
    if (!out.has(e.from)) out.set(e.from, []);
    (out.get(e.from) as string[]).push(e.to);
  }
  const seen = new Set([start]);
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    for (const next of out.get(queue[k]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
