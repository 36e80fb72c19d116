/** The `go test` command line and option checks. Pure apart from reading go.mod. */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_DOCKERFILE } from '../../shared/image/build-image';
import { defaultCacheVolume } from '../../shared/container/go-container';
import { parseSyncMode, SyncMode } from '../../shared/engine/engines';
import { readGoModFacts } from '../../shared/module/go-mod';
import { isWithin, moduleDirOf, parseRunMode, toPosixRel } from '../../shared/module/paths';
import type { GoTestExecutorOptions } from '../types';

export interface NormalizedTestOptions {
  moduleRoot: string;
  moduleDir: string;
  modulePath: string;
  packages: string[];
  tags: string[];
  goflags: string;
  args: string[];
  mode: 'docker' | 'host';
  dockerfile: string;
  image?: string;
  network: string;
  downloadNetwork: string;
  cacheVolume: string;
  vendored: boolean;
  sync: SyncMode;
}

export function normalizeTestOptions(options: GoTestExecutorOptions, workspaceRoot: string): NormalizedTestOptions {
  const mode = parseRunMode(options.mode);
  const moduleDir = moduleDirOf(workspaceRoot, options.moduleRoot);
  const packages = options.packages && options.packages.length > 0 ? options.packages : ['./...'];
  for (const p of packages) {
    if ((p.startsWith('./') || p.startsWith('../') || p === '.') && !isWithin(workspaceRoot, path.join(moduleDir, p))) {
      throw new Error(`packages entry "${p}" points outside the workspace: use a path relative to the module, e.g. "./pkg/...".`);
    }
  }
  return {
    moduleRoot: toPosixRel(workspaceRoot, moduleDir).replace(/^\.$/, ''),
    moduleDir,
    modulePath: readGoModFacts(workspaceRoot, moduleDir).modulePath,
    packages,
    tags: options.tags ?? [],
    goflags: options.goflags ?? '',
    args: options.args ?? [],
    mode,
    dockerfile: options.dockerfile || DEFAULT_DOCKERFILE,
    image: options.image || undefined,
    network: options.network || 'none',
    downloadNetwork: options.downloadNetwork || 'bridge',
    cacheVolume: options.cacheVolume || defaultCacheVolume(),
    vendored: fs.existsSync(path.join(moduleDir, 'vendor', 'modules.txt')),
    sync: parseSyncMode(options.sync),
  };
}

/** argv after `go`: flags, packages, then the extra test arguments. */
export function goTestArgs(o: Pick<NormalizedTestOptions, 'tags' | 'goflags' | 'packages' | 'args'>): string[] {
  return [
    'test',
    ...o.goflags.split(/\s+/).filter(Boolean),
    ...(o.tags.length > 0 ? ['-tags', o.tags.join(',')] : []),
    ...o.packages,
    ...o.args,
  ];
}
