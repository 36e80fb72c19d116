/** What every containerized Go task does first: engine up, image ready, cache volume there. */
import * as path from 'path';
import { EnsuredImage, Log, checkGoVersion, ensureBuildImage, resolveBuildImage } from './build-image';
import { CgoImageRequest, ensureCgoImage, resolveCgoImage } from './cgo-image';
import { DockerEngine, connect } from '../engine/docker';
import { acquireEngine } from '../engine/pool';
import { EngineSpec, engineEnv, engineKey } from '../engine/engines';
import { withLock } from '../nx/lock';
import { executorStateDir } from '../nx/state-dir';
import { readGoRequirement } from '../module/go-mod';
import { workspacePath } from '../module/paths';

export interface PreparedEngine {
  engine: DockerEngine;
  image: EnsuredImage;
  /** Ends this build's lease on a pool engine; a no-op without a pool. */
  release(): void;
}

export async function prepareEngine(
  workspaceRoot: string,
  opts: {
    moduleRoot: string;
    dockerfile?: string;
    image?: string;
    cacheVolume: string;
    engines?: EngineSpec[];
    /** A cgo build: the cgo image instead of the kube-build image (unless `image` is set). */
    cgo?: CgoImageRequest;
  },
  log: Log,
  signal?: AbortSignal,
  warn: Log = log,
): Promise<PreparedEngine> {
  const stateDir = executorStateDir(workspaceRoot);
  let engine: DockerEngine;
  let release = (): void => undefined;
  if (opts.engines && opts.engines.length > 0) {
    const acquired = await acquireEngine(opts.engines, {
      stateDir,
      open: (spec) => {
        const member = connect(engineEnv(spec, process.env, workspaceRoot));
        // The pool's warning adds the address, so the ping answers in a few words.
        return { engine: member, ping: () => member.reach() };
      },
      log,
      warn,
    });
    engine = acquired.engine.engine;
    release = acquired.release;
  } else {
    engine = connect(process.env);
    await engine.ping();
  }
  try {
    const image = await withImageLock(stateDir, engine.url, () => readyImage(engine, workspaceRoot, opts, log, signal, warn), log, signal);
    await engine.ensureVolume(opts.cacheVolume);
    return { engine, image, release };
  } catch (e) {
    release();
    throw e;
  }
}

/** A waiter gives up after this; building the image (cgo: Debian and cross compilers too) takes minutes, not this long. */
const IMAGE_LOCK_TIMEOUT_MS = 30 * 60_000;

/** Parallel builds that find the image missing on one engine build it once. */
export function withImageLock<T>(stateDir: string, url: string, fn: () => Promise<T>, log: Log, signal?: AbortSignal): Promise<T> {
  return withLock(path.join(stateDir, `image-${engineKey(url)}.lock`), fn, {
    what: `the kube-build image lock of ${url}`,
    timeoutMs: IMAGE_LOCK_TIMEOUT_MS,
    onWait: (pid) => log(`Waiting for pid ${pid ?? 'unknown'} to finish the kube-build image on ${url}`),
    signal,
  });
}

/** The image this task runs in, made when missing: the cgo image for a cgo build, else the kube-build image. */
async function readyImage(
  engine: DockerEngine,
  workspaceRoot: string,
  opts: { moduleRoot: string; dockerfile?: string; image?: string; cgo?: CgoImageRequest },
  log: Log,
  signal: AbortSignal | undefined,
  warn: Log,
): Promise<EnsuredImage> {
  if (opts.cgo && !opts.image) {
    const image = await ensureCgoImage(engine, await resolveCgoImage(workspaceRoot, opts.cgo), log, signal);
    const moduleDir = workspacePath(workspaceRoot, opts.moduleRoot || '.', 'moduleRoot');
    checkGoVersion(image.goVersion, readGoRequirement(workspaceRoot, moduleDir), warn);
    return image;
  }
  const resolved = await resolveBuildImage(workspaceRoot, opts);
  return ensureBuildImage(engine, workspaceRoot, resolved, opts.moduleRoot, log, signal, warn);
}
