/** Validates go-generate options once, into absolute paths and the checked generator spec. */
import * as fs from 'fs';
import * as path from 'path';
import { checkGenerate } from '../../../plugin/vocabulary/generate';
import { defaultCacheVolume } from '../../shared/container/go-container';
import { parseSyncMode, SyncMode } from '../../shared/engine/engines';
import { DEFAULT_DOCKERFILE } from '../../shared/image/build-image';
import { readGoModFacts } from '../../shared/module/go-mod';
import { moduleDirOf, toPosixRel } from '../../shared/module/paths';
import type { GoGenerateExecutorOptions } from '../types';

export interface NormalizedGenerateOptions {
  workspaceRoot: string;
  /** Workspace-relative POSIX module dir ('' for the root). */
  moduleRoot: string;
  moduleDir: string;
  modulePath: string;
  command: string[];
  /** Module-relative output dirs. */
  outputs: string[];
  dockerfile: string;
  image?: string;
  network: string;
  downloadNetwork: string;
  cacheVolume: string;
  vendored: boolean;
  sync: SyncMode;
}

export function normalizeGenerateOptions(options: GoGenerateExecutorOptions, workspaceRoot: string): NormalizedGenerateOptions {
  const moduleDir = moduleDirOf(workspaceRoot, options.moduleRoot);
  const spec = checkGenerate({ command: options.command, outputs: options.outputs }, 'go-generate');
  return {
    workspaceRoot,
    moduleRoot: toPosixRel(workspaceRoot, moduleDir).replace(/^\.$/, ''),
    moduleDir,
    modulePath: readGoModFacts(workspaceRoot, moduleDir).modulePath,
    ...spec,
    dockerfile: options.dockerfile || DEFAULT_DOCKERFILE,
    image: options.image || undefined,
    network: options.network || 'none',
    downloadNetwork: options.downloadNetwork || 'bridge',
    cacheVolume: options.cacheVolume || defaultCacheVolume(),
    vendored: fs.existsSync(path.join(moduleDir, 'vendor', 'modules.txt')),
    sync: parseSyncMode(options.sync),
  };
}
