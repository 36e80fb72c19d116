import { CreateDependencies, DependencyType, logger, RawProjectGraphDependency } from '@nx/devkit';
import * as path from 'path';
import { hashOf, ResultsCache, workspaceDataDir } from './cache';
import { discoverRoots } from './discover';
import { importEdges } from './edges';
import { CACHE_VERSION, loadWorkspaceAfterNodes } from './load';
import { KubeBuildPluginOptions, normalizeOptions } from './options';

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
  const deps: RawProjectGraphDependency[] = [];
  for (const e of found.edges) {
    // A project whose module failed to load is absent; its edges go with it.
    if (!context.projects[e.source] || !context.projects[e.target]) continue;
    deps.push({ ...e, type: DependencyType.static });
  }
  return deps;
};
