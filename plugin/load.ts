import * as path from 'path';
import { hashOf, workspaceDataDir, writeFileAtomic } from './cache';
import { buildModel, WorkspaceModel } from './model';
import { NormalizedOptions } from './options';
import { scanGoTree } from './go/tree';
import { MapHeaderCache } from './go/header-cache';
import { createResolver } from './go/resolve';
import { GoTree } from './go/types';
import * as fs from 'fs';
import { PLUGIN_VERSION } from './version';

// Bumped when the shape of cached results changes.
export const CACHE_VERSION = `nx-kube-build-${PLUGIN_VERSION}-2`;

export interface LoadedWorkspace {
  tree: GoTree;
  model: WorkspaceModel;
  /** Hash of everything the results depend on: the tree read and the options. */
  hash: string;
  resolve: ReturnType<typeof createResolver>;
}

const memo = new Map<string, LoadedWorkspace>();
/** Kept in memory between calls: the daemon and the plugin worker live on. */
const headerCaches = new Map<string, MapHeaderCache>();
/** What createNodes loaded last; Nx calls createDependencies right after it. */
let last: { key: string; loaded: LoadedWorkspace } | undefined;

/**
 * Scans the Go modules under `roots`, re-reading only files whose size or
 * mtime changed since the last run (headers cached under workspace data).
 */
export function loadWorkspace(
  workspaceRoot: string,
  roots: string[],
  options: NormalizedOptions,
  env: NodeJS.ProcessEnv = process.env,
): LoadedWorkspace {
  const cacheFile = path.join(workspaceDataDir(workspaceRoot, env), 'nx-kube-build', 'headers.json');
  let headerCache = headerCaches.get(cacheFile);
  if (!headerCache) {
    try {
      headerCache = MapHeaderCache.fromJSON(JSON.parse(fs.readFileSync(cacheFile, 'utf8')));
    } catch {
      headerCache = new MapHeaderCache();
    }
    headerCaches.set(cacheFile, headerCache);
  }
  const tree = scanGoTree(workspaceRoot, { roots, headerCache });
  // Every file of the roots was just looked up: what was not is gone.
  headerCache.prune();
  if (headerCache.changed) {
    try {
      writeFileAtomic(cacheFile, JSON.stringify(headerCache.toJSON()));
      headerCache.markSaved();
    } catch {
      // A read-only workspace still gets a graph, just a slower one next time.
    }
  }
  const hash = hashOf(CACHE_VERSION, options, treeFingerprint(tree));
  let loaded = memo.get(hash);
  if (!loaded) {
    loaded = { tree, model: buildModel(tree, options, workspaceRoot), hash, resolve: createResolver(tree) };
    memo.clear();
    memo.set(hash, loaded);
  }
  last = { key: lastKey(workspaceRoot, roots, options), loaded };
  return loaded;
}

const lastKey = (workspaceRoot: string, roots: string[], options: NormalizedOptions): string =>
  JSON.stringify([workspaceRoot, [...roots].sort(), options]);

/**
 * For createDependencies: Nx computes a graph by calling createNodes and then
 * createDependencies, so the tree createNodes just scanned is current and
 * scanning it again would only cost time. Anything else scans.
 */
export function loadWorkspaceAfterNodes(workspaceRoot: string, roots: string[], options: NormalizedOptions): LoadedWorkspace {
  if (last && last.key === lastKey(workspaceRoot, roots, options)) return last.loaded;
  return loadWorkspace(workspaceRoot, roots, options);
}

function treeFingerprint(tree: GoTree): unknown {
  return {
    modules: tree.modules,
    packages: [...tree.packages.values()],
  };
}
