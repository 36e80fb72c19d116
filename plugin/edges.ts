import type { LoadedWorkspace } from './load';

export interface GoEdge {
  source: string;
  target: string;
  /** The importing file, workspace-relative. */
  sourceFile: string;
  importPath: string;
}

export interface EdgeResult {
  edges: GoEdge[];
  /** Imports that resolve to nothing in the tree, one sentence each. */
  unresolved: string[];
}

/**
 * Import edges between projects. Each import resolves from the root module the
 * package is built in (vendor mode, replace directives), then from its own
 * module; std imports are ignored; one edge per (source, target, file).
 */
export function importEdges(loaded: LoadedWorkspace): EdgeResult {
  const { tree, model, resolve } = loaded;
  const edges: GoEdge[] = [];
  const unresolved: string[] = [];
  const seen = new Set<string>();
  for (const pkg of tree.packages.values()) {
    const source = model.projectOfDir.get(pkg.dir);
    if (!source) continue;
    const rootModule = model.rootModuleOfDir.get(pkg.dir) ?? pkg.moduleDir;
    for (const imp of pkg.imports) {
      let r = resolve(imp.path, rootModule);
      if (r.kind === 'unknown' && rootModule !== pkg.moduleDir) r = resolve(imp.path, pkg.moduleDir);
      if (r.kind === 'std') continue;
      if (r.kind === 'unknown') {
        unresolved.push(`${imp.file} imports "${imp.path}", which is neither in the standard library nor in this tree (module, replace or vendor).`);
        continue;
      }
      const target = model.projectOfDir.get(r.dir);
      if (!target) {
        unresolved.push(`${imp.file} imports "${imp.path}" (${r.dir}), which no project owns.`);
        continue;
      }
      if (target === source) continue;
      const key = `${source}\0${target}\0${imp.file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ source, target, sourceFile: imp.file, importPath: imp.path });
    }
  }
  return { edges, unresolved };
}
