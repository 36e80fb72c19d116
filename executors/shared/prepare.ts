/** What every containerized Go task does first: engine up, image ready, cache volume there. */
import * as path from 'path';
import { workspaceDataDir } from '../../plugin/cache';
import { EnsuredImage, Log, ensureBuildImage, resolveBuildImage } from './build-image';
import { DockerEngine, connect } from './docker';
import { acquireEngine } from './engine-pool';
import { EngineSpec, engineEnv, engineKey } from './engines';
import { withLock } from './leases';

export interface PreparedEngine {
  engine: DockerEngine;
  image: EnsuredImage;
  /** Ends this build's lease on a pool engine; a no-op without a pool. */
  release(): void;
}

/** Where the executors keep cross-process state: `<workspace data dir>/nx-kube-build`. */
export function executorStateDir(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(workspaceDataDir(workspaceRoot, env), 'nx-kube-build');
}

/** One engine of the pool, pinged with a short answer (the pool's warning adds the address). */
class PoolMember {
  constructor(readonly engine: DockerEngine) {}

  async ping(): Promise<void> {
    try {
      await this.engine.docker.ping();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(err.code ? `connect ${err.code}` : err.message.trim());
    }
  }
}

export async function prepareEngine(
  workspaceRoot: string,
  opts: { moduleRoot: string; dockerfile?: string; image?: string; cacheVolume: string; engines?: EngineSpec[] },
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
      open: (spec) => new PoolMember(connect(engineEnv(spec, process.env, workspaceRoot))),
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
    const resolved = await resolveBuildImage(workspaceRoot, {
      moduleRoot: opts.moduleRoot,
      dockerfile: opts.dockerfile,
      image: opts.image,
    });
    // Parallel builds that find the image missing on one engine build it once.
    const image = await withLock(
      path.join(stateDir, `image-${engineKey(engine.url)}.lock`),
      () => ensureBuildImage(engine, workspaceRoot, resolved, opts.moduleRoot, log, signal),
      {
        what: `the kube-build image lock of ${engine.url}`,
        onWait: (pid) => log(`Waiting for pid ${pid ?? 'unknown'} to finish the kube-build image on ${engine.url}`),
        signal,
      },
    );
    await engine.ensureVolume(opts.cacheVolume);
    return { engine, image, release };
  } catch (e) {
    release();
    throw e;
  }
}
