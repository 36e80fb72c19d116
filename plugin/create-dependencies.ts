import { CreateDependencies, DependencyType, logger, RawProjectGraphDependency } from '@nx/devkit';
import { importEdges } from './edges';
import { discoverRoots } from './discover';
import { loadWorkspaceAfterNodes } from './load';
import { KubeBuildPluginOptions, normalizeOptions } from './options';

/** Static import edges, each with the file that holds the import. */
export const createDependencies: CreateDependencies<KubeBuildPluginOptions> = (rawOptions, context) => {
  const options = normalizeOptions(rawOptions);
  const loaded = loadWorkspaceAfterNodes(context.workspaceRoot, () => discoverRoots(context.workspaceRoot), options);
  if (!loaded.model) return [];
  const { edges, unresolved } = importEdges(loaded);
  for (const line of unresolved) logger.warn(`nx-kube-build: ${line}`);
  const deps: RawProjectGraphDependency[] = [];
  for (const e of edges) {
    // A project whose module failed to load is absent; its edges go with it.
    if (!context.projects[e.source] || !context.projects[e.target]) continue;
    deps.push({ source: e.source, target: e.target, sourceFile: e.sourceFile, type: DependencyType.static });
  }
  return deps;
};
