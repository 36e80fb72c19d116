import { CreateDependencies, DependencyType, logger, RawProjectGraphDependency } from '@nx/devkit';
import { importEdges } from './edges';
import { loadWorkspaceAfterNodes } from './load';
import { KubeBuildPluginOptions, normalizeOptions } from './options';

/** Static import edges, each with the file that holds the import. */
export const createDependencies: CreateDependencies<KubeBuildPluginOptions> = (rawOptions, context) => {
  const options = normalizeOptions(rawOptions);
  // The module projects createNodes made name the root modules to scan.
  const roots = Object.values(context.projects)
    .filter((p) => p.tags?.includes('go:module'))
    .map((p) => (p.root === '.' ? '' : p.root))
    .sort();
  if (roots.length === 0) return [];
  const loaded = loadWorkspaceAfterNodes(context.workspaceRoot, roots, options);
  const { edges, unresolved } = importEdges(loaded);
  const shown = unresolved.slice(0, 5);
  for (const u of shown) logger.warn(`nx-kube-build: ${u}`);
  if (unresolved.length > shown.length) {
    logger.warn(`nx-kube-build: ${unresolved.length - shown.length} more imports could not be placed.`);
  }
  const deps: RawProjectGraphDependency[] = [];
  for (const e of edges) {
    if (!context.projects[e.source] || !context.projects[e.target]) {
      logger.warn(`nx-kube-build: no edge from ${e.source} to ${e.target} (${e.sourceFile}): one end is not a project.`);
      continue;
    }
    deps.push({ source: e.source, target: e.target, sourceFile: e.sourceFile, type: DependencyType.static });
  }
  return deps;
};
