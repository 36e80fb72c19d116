import * as fs from 'fs';
import * as path from 'path';
import { hashOf, workspaceDataDir, writeFileAtomic } from './cache';
import { buildModel, WorkspaceModel } from './model';
import { NormalizedOptions } from './options';
import { skipPredicate } from './skip';
import { packageGraph, PackageGraph } from './go/graph';
import { MapHeaderCache } from './go/header-cache';
import { scanGoTree } from './go/tree';
import { GoTree } from './go/types';
import { PLUGIN_VERSION } from './version';
import { resolveGroups } from './groups';
import { hostPlatform, parsePlatform, uniquePlatforms } from './platforms';
import { BuildConfigs } from './go/constraint';
import { anyCgo } from './linking';

// Bumped when the shape of cached results changes.
export const CACHE_VERSION = `nx-kube-build-${PLUGIN_VERSION}-5`;

/**
 * A scanned workspace. The package graph and the model are computed on first
 * use: a warm run whose results are cached by `hash` never needs them.
 */
export class LoadedWorkspace {
  private graphValue?: PackageGraph;
  private modelValue?: WorkspaceModel;
  private modelErrorValue?: Error;

  constructor(
    readonly tree: GoTree,
    /** Hash of everything the results depend on: the tree read and the options. */
    readonly hash: string,
    private readonly options: NormalizedOptions,
  ) {}

  get graph(): PackageGraph {
    return (this.graphValue ??= packageGraph(this.tree, buildConfigs(this.options)));
  }

  /** The projects; undefined when the options cannot be applied (modelError says why). */
  get model(): WorkspaceModel | undefined {
    if (!this.modelValue && !this.modelErrorValue) {
      try {
        this.modelValue = buildModel(this.tree, this.graph, this.options);
      } catch (e) {
        this.modelErrorValue = e as Error;
      }
    }
    return this.modelValue;
  }

  get modelError(): Error | undefined {
    return this.model ? undefined : this.modelErrorValue;
  }
}

const memo = new Map<string, LoadedWorkspace>();
/** Kept in memory between calls: the daemon and the plugin worker live on. */
const headerCaches = new Map<string, MapHeaderCache>();
/** What createNodes loaded last; Nx calls createDependencies right after it. */
let last: { key: string; loaded: LoadedWorkspace } | undefined;

function headerCacheFor(cacheFile: string): MapHeaderCache {
  let headerCache = headerCaches.get(cacheFile);
  if (!headerCache) {
    try {
      headerCache = MapHeaderCache.fromJSON(JSON.parse(fs.readFileSync(cacheFile, 'utf8')));
    } catch {
      headerCache = new MapHeaderCache();
    }
    headerCaches.set(cacheFile, headerCache);
  }
  return headerCache;
}

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
  const headerCache = headerCacheFor(cacheFile);
  const { skip, fingerprint } = skipPredicate(workspaceRoot, options.exclude);
  const tree = scanGoTree(workspaceRoot, { roots, headerCache, skip });
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
  const hash = hashOf(CACHE_VERSION, options, fingerprint, treeFingerprint(tree));
  let loaded = memo.get(hash);
  if (!loaded) {
    loaded = new LoadedWorkspace(tree, hash, options);
    memo.clear();
    memo.set(hash, loaded);
  }
  last = { key: lastKey(workspaceRoot, roots, options), loaded };
  return loaded;
}

const lastKey = (workspaceRoot: string, _roots: string[], options: NormalizedOptions): string =>
  JSON.stringify([workspaceRoot, options]);

/**
 * For createDependencies: Nx computes a graph by calling createNodes and then
 * createDependencies, so the tree createNodes just scanned is current and
 * scanning it again would only cost time. Anything else scans from the roots.
 */
export function loadWorkspaceAfterNodes(workspaceRoot: string, roots: () => string[], options: NormalizedOptions): LoadedWorkspace {
  if (last && last.key === lastKey(workspaceRoot, [], options)) return last.loaded;
  return loadWorkspace(workspaceRoot, roots(), options);
}

function treeFingerprint(tree: GoTree): unknown {
  return {
    modules: tree.modules,
    works: tree.works,
    packages: [...tree.packages.values()],
  };
}

/** What the options build: every platform of a group or of binaries in none, the tags and cgo some binary sets. */
export function buildConfigs(options: NormalizedOptions): BuildConfigs | undefined {
  try {
    const groups = resolveGroups(options.groups);
    const platforms = uniquePlatforms([hostPlatform(), ...options.defaultPlatforms.map(parsePlatform), ...groups.flatMap((g) => g.platforms)]);
    return { platforms, tags: new Set(Object.values(options.tags).flat()), cgo: anyCgo(options) };
  } catch {
    // The model reports bad groups and platforms; the graph then keeps every file.
    return undefined;
  }
}

/** The model, or the options error that kept it from being built. */
export function modelOf(loaded: LoadedWorkspace): WorkspaceModel {
  if (!loaded.model) throw loaded.modelError ?? new Error('nx-kube-build: no model');
  return loaded.model;
}
