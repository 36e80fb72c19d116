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
  let headerCache: MapHeaderCache;
  try {
    headerCache = MapHeaderCache.fromJSON(JSON.parse(fs.readFileSync(cacheFile, 'utf8')));
  } catch {
    headerCache = new MapHeaderCache();
  }
  const tree = scanGoTree(workspaceRoot, { roots, headerCache });
  if (headerCache.changed) {
    try {
      writeFileAtomic(cacheFile, JSON.stringify(headerCache.toJSON()));
    } catch {
      // A read-only workspace still gets a graph, just a slower one next time.
    }
  }
  const hash = hashOf(CACHE_VERSION, options, treeFingerprint(tree));
  const hit = memo.get(hash);
  if (hit) return hit;
  const model = buildModel(tree, options, workspaceRoot);
  const loaded = { tree, model, hash, resolve: createResolver(tree) };
  memo.clear();
  memo.set(hash, loaded);
  return loaded;
}

function treeFingerprint(tree: GoTree): unknown {
  return {
    modules: tree.modules,
    packages: [...tree.packages.values()],
  };
}
