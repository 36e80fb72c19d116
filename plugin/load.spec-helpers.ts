import type { ProjectConfiguration } from '@nx/devkit';
import { allProjects } from './create-nodes';
import { importEdges } from './edges';
import { PackageGraph } from './go/graph';
import { makeTree, removeTree, TreeSpec } from './go/temp-tree.spec-helpers';
import { scanGoTree, ScanOptions } from './go/tree';
import { GoTree } from './go/types';
import { LoadedWorkspace } from './load';
import { WorkspaceModel } from './model';
import { KubeBuildPluginOptions, normalizeOptions, NormalizedOptions } from './options';

export interface LoadedSpec {
  root: string;
  tree: GoTree;
  graph: PackageGraph;
  model: WorkspaceModel;
  options: NormalizedOptions;
  loaded: LoadedWorkspace;
  /** Projects by root dir ('.' for the workspace root). */
  projects: Record<string, ProjectConfiguration>;
  /** Project name edges, `source -> target` (` (test)` when only a test file imports it), sorted and unique. */
  edges: string[];
  /** The project name of a package dir. */
  nameOf: (dir: string) => string | undefined;
}

/** Temp trees made by loadSpec; remove them with cleanupSpecs in afterAll. */
const made: string[] = [];
export function cleanupSpecs(): void {
  while (made.length > 0) removeTree(made.pop() as string);
}

/** Writes the tree, scans it, and runs the graph and the model on it, as loadWorkspace does. */
export function loadSpec(spec: TreeSpec, raw: KubeBuildPluginOptions = {}, scan: ScanOptions = {}): LoadedSpec {
  const root = makeTree(spec);
  made.push(root);
  const options = normalizeOptions(raw);
  const tree = scanGoTree(root, scan);
  const loaded = new LoadedWorkspace(tree, 'spec', options);
  const graph = loaded.graph;
  const model = loaded.model;
  if (!model) throw loaded.modelError;
  const projects = Object.fromEntries(Object.entries(allProjects(model, options)).map(([d, p]) => [d || '.', p]));
  const edges = [...new Set(importEdges(loaded).edges.map((e) => `${e.source} -> ${e.target}${e.test ? ' (test)' : ''}`))].sort();
  return { root, tree, graph, model, options, loaded, projects, edges, nameOf: (d) => model.projectOfDir.get(d) };
}

export const gomod = (path: string, goVersion: string, requires: string[] = [], replaces: Record<string, string> = {}): string =>
  [
    `module ${path}`,
    '',
    `go ${goVersion}`,
    ...(requires.length ? ['', 'require (', ...requires.map((r) => `\t${r.includes(' ') ? r : `${r} v1.0.0`}`), ')'] : []),
    ...Object.entries(replaces).map(([o, n]) => `replace ${o} => ${n}`),
    '',
  ].join('\n');
