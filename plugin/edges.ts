import type { LoadedWorkspace } from './load';
import { modelOf } from './load';
import { summarize } from './summary';

export interface GoEdge {
  source: string;
  target: string;
  /** The importing file, workspace-relative. */
  sourceFile: string;
  importPath: string;
  /** Only test files import it. */
  test: boolean;
}

export interface EdgeResult {
  edges: GoEdge[];
  /** Imports that resolve nowhere, summarised in at most three lines. */
  unresolved: string[];
}

/**
 * Import edges between projects, from the package graph (each import
 * resolved the way the go command does in the context that compiles it).
 * One edge per (source, target, file).
 */
export function importEdges(loaded: LoadedWorkspace): EdgeResult {
  const model = modelOf(loaded);
  const edges: GoEdge[] = [];
  const seen = new Set<string>();
  for (const e of loaded.graph.edges) {
    const source = model.projectOfDir.get(e.from);
    const target = model.projectOfDir.get(e.to);
    if (!source || !target || source === target) continue;
    const key = `${source}\0${target}\0${e.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ source, target, sourceFile: e.file, importPath: e.importPath, test: e.test });
  }
  const u = loaded.graph.unresolved;
  const unresolved =
    u.length === 0
      ? []
      : summarize(
          [
            `${u.length} import${u.length === 1 ? ' resolves' : 's resolve'} to nothing in the tree (no module, replace or vendor/ entry provides ${u.length === 1 ? 'it' : 'them'}), e.g. ${u[0].file} imports "${u[0].importPath}"${u.length > 1 ? ` and ${u[1].file} imports "${u[1].importPath}"` : ''}.`,
            'Go would fail on them too: run `go mod vendor` or `go mod tidy` there, or keep the dirs out with the plugin option "exclude"; `npx nx-kube-build verify` checks the graph against `go list`.',
          ],
          'unresolved imports',
        );
  return { edges, unresolved };
}
