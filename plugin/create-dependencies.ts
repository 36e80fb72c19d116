import { CreateDependencies, DependencyType, logger, RawProjectGraphDependency } from '@nx/devkit';
import * as path from 'path';
import { hashOf, ResultsCache, workspaceDataDir } from './cache';
import { discoverRoots } from './discover';
import { importEdges } from './edges';
import { CACHE_VERSION, loadWorkspaceAfterNodes } from './load';
import { KubeBuildPluginOptions, normalizeOptions } from './options';
import { summarize } from './summary';

interface CachedEdges {
  edges: { source: string; target: string; sourceFile: string }[];
  unresolved: string[];
}

/** Static import edges, each with the file that holds the import; cached by the tree's hash like the nodes. */
export const createDependencies: CreateDependencies<KubeBuildPluginOptions> = (rawOptions, context) => {
  const options = normalizeOptions(rawOptions);
  const loaded = loadWorkspaceAfterNodes(context.workspaceRoot, () => discoverRoots(context.workspaceRoot), options);
  const cache = new ResultsCache<CachedEdges>(path.join(workspaceDataDir(context.workspaceRoot), 'nx-kube-build', 'edges.json'));
  const key = hashOf(CACHE_VERSION, 'edges', loaded.hash);
  let found = cache.get(key);
  if (!found) {
    if (!loaded.model) return [];
    const { edges, unresolved } = importEdges(loaded);
    found = { edges: edges.map((e) => ({ source: e.source, target: e.target, sourceFile: e.sourceFile })), unresolved };
    cache.set(key, found);
    try {
      cache.write();
    } catch {
      // Caching is an optimisation; the edges stand without it.
    }
  }
  for (const line of found.unresolved) logger.warn(`nx-kube-build: ${line}`);
  const filesOf = projectFiles(context.fileMap?.projectFileMap ?? {});
  const deps: RawProjectGraphDependency[] = [];
  const unplaced: string[] = [];
  for (const e of found.edges) {
    // A project whose module failed to load is absent; its edges go with it.
    if (!context.projects[e.source] || !context.projects[e.target]) continue;
    // Nx rejects the whole graph for an edge whose file another project holds: leave that one edge out, and say so.
    if (!filesOf(e.source).has(e.sourceFile)) {
      unplaced.push(`${e.source} -> ${e.target} (${e.sourceFile} is not a file of ${e.source})`);
      continue;
    }
    deps.push({ ...e, type: DependencyType.static });
  }
  for (const line of summarize(unplaced, 'edges left out')) logger.warn(`nx-kube-build: edge left out: ${line}`);
  return deps;
};

/** The files Nx gives each project, as a set made the first time it is asked for. */
function projectFiles(map: Record<string, { file: string }[]>): (project: string) => Set<string> {
  const sets = new Map<string, Set<string>>();
  return (project) => {
    let s = sets.get(project);
    if (!s) sets.set(project, (s = new Set((map[project] ?? []).map((f) => f.file))));
    return s;
  };
}
