/**
 * Fills the module cache of a context without vendor/, as its steps: the
 * context (options) → an engine with the kube-build image → the volume,
 * complete already or filled by go mod download (shared/modcache/fill.ts). Nx
 * caches it on go.mod and go.sum; builds check the volume's completion marker
 * and fill it again when it is gone.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import { defaultCacheVolume, hostUser } from '../shared/container/go-container';
import { isLocalEngineUrl } from '../shared/engine/engines';
import { DEFAULT_DOCKERFILE } from '../shared/image/build-image';
import { PreparedEngine, prepareEngine } from '../shared/image/prepare';
import { ensureModCache } from '../shared/modcache/fill';
import { contextNeedsModCache, readGoModFacts } from '../shared/module/go-mod';
import { moduleDirOf, toPosixRel } from '../shared/module/paths';
import { ExecutorRun, runExecutor } from '../shared/nx/executor';
import type { GoModDownloadExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);
const warn = (line: string): void => logger.warn(line);

interface DownloadContext {
  moduleDir: string;
  /** Workspace-relative ('' for the root). */
  moduleRoot: string;
  network: string;
}

function contextOf(options: GoModDownloadExecutorOptions, workspaceRoot: string): DownloadContext {
  const moduleDir = moduleDirOf(workspaceRoot, options.moduleRoot);
  return { moduleDir, moduleRoot: toPosixRel(workspaceRoot, moduleDir).replace(/^\.$/, ''), network: options.network || 'bridge' };
}

async function leaseDownloadEngine(o: GoModDownloadExecutorOptions, c: DownloadContext, root: string, run: ExecutorRun): Promise<PreparedEngine> {
  const spec = { moduleRoot: c.moduleRoot, dockerfile: o.dockerfile || DEFAULT_DOCKERFILE, image: o.image, cacheVolume: defaultCacheVolume() };
  const lease = await prepareEngine(root, spec, log, run.signal, warn);
  run.onRelease(lease.release);
  return lease;
}

async function fill(c: DownloadContext, lease: PreparedEngine, workspaceRoot: string, run: ExecutorRun): Promise<void> {
  await ensureModCache({
    engine: lease.engine,
    image: lease.image.tag,
    workspaceRoot,
    moduleRoot: c.moduleRoot,
    moduleDir: c.moduleDir,
    modulePath: readGoModFacts(workspaceRoot, c.moduleDir).modulePath,
    network: c.network,
    hostEnv: process.env,
    user: hostUser(),
    signal: run.signal,
    log,
  });
}

export default async function goModDownloadExecutor(
  options: GoModDownloadExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  let what = `go mod download in ${options.moduleRoot || '.'}`;
  return runExecutor(
    async (run) => {
      const c = contextOf(options, context.root);
      what = `go mod download in ${c.moduleRoot || '.'}`;
      if (!contextNeedsModCache(context.root, c.moduleDir)) {
        log(`${c.moduleRoot || '.'} builds from vendor/ or requires nothing from outside the tree: nothing to download`);
        return { success: true };
      }
      const lease = await leaseDownloadEngine(options, c, context.root, run);
      if (!isLocalEngineUrl(lease.engine.url)) {
        // The download mounts this checkout; a build there fills the volume from the sources it synced.
        log(`${lease.engine.url} cannot mount this checkout: each build there fills the module cache from its synced sources`);
        return { success: true };
      }
      await fill(c, lease, context.root, run);
      return { success: true };
    },
    { interrupted: (sig) => `${what} was interrupted${sig ? ` by ${sig}` : ''}: the download container was removed; the volume has no completion marker, so the next run downloads again.` },
  );
}
