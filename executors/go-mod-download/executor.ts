/**
 * Fills the module cache of a context without vendor/, as its steps: options →
 * an engine with the kube-build image → the volume, complete already or filled
 * by go mod download (modcache/fill.ts). Nx caches it on go.mod and go.sum;
 * builds check the volume's completion marker and refill it when it is gone.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import { DEFAULT_CACHE_VOLUME, hostUser } from '../shared/container/go-container';
import { DEFAULT_DOCKERFILE } from '../shared/image/build-image';
import { prepareEngine } from '../shared/image/prepare';
import { ensureModCache } from '../shared/modcache/fill';
import { contextNeedsModCache, readGoModFacts } from '../shared/module/go-mod';
import { moduleDirOf, toPosixRel } from '../shared/module/paths';
import { runExecutor } from '../shared/nx/executor';
import { isLocalEngineUrl } from '../shared/engine/engines';
import type { GoModDownloadExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);

export default async function goModDownloadExecutor(
  options: GoModDownloadExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  let what = `go mod download in ${options.moduleRoot || '.'}`;
  return runExecutor(
    async (run) => {
      const moduleDir = moduleDirOf(context.root, options.moduleRoot);
      const moduleRoot = toPosixRel(context.root, moduleDir).replace(/^\.$/, '');
      what = `go mod download in ${moduleRoot || '.'}`;
      if (!contextNeedsModCache(context.root, moduleDir)) {
        log(`${moduleRoot || '.'} builds from vendor/ or requires nothing from outside the tree: nothing to download`);
        return { success: true };
      }
      const { modulePath } = readGoModFacts(context.root, moduleDir);
      const dockerfile = options.dockerfile || DEFAULT_DOCKERFILE;
      const lease = await prepareEngine(context.root, { moduleRoot, dockerfile, image: options.image, cacheVolume: DEFAULT_CACHE_VOLUME }, log, run.signal);
      run.onRelease(lease.release);
      if (!isLocalEngineUrl(lease.engine.url)) {
        log(`${lease.engine.url} cannot mount this checkout: each build there fills the module cache from its synced sources`);
        return { success: true };
      }
      const network = options.network || 'bridge';
      const { engine, image } = lease;
      const user = hostUser();
      await ensureModCache({ engine, image: image.tag, workspaceRoot: context.root, moduleRoot, moduleDir, modulePath, network, hostEnv: process.env, user, signal: run.signal, log });
      return { success: true };
    },
    { interrupted: (sig) => `${what} was interrupted${sig ? ` by ${sig}` : ''}: the download container was removed; the volume has no completion marker, so the next run downloads again.` },
  );
}
