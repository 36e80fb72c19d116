/** What every containerized Go task does first: engine up, image ready, cache volume there. */
import * as path from 'path';
import { EnsuredImage, Log, ensureBuildImage, resolveBuildImage } from './build-image';
import { DockerEngine, connect } from '../engine/docker';
import { acquireEngine } from '../engine/pool';
import { EngineSpec, engineEnv, engineKey } from '../engine/engines';
import { withLock } from '../engine/leases';
import { executorStateDir } from '../nx/state-dir';

export interface PreparedEngine {
  engine: DockerEngine;
  image: EnsuredImage;
  /** Ends this build's lease on a pool engine; a no-op without a pool. */
  release(): void;
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
    const resolved = await resolveBuildImage(workspaceRoot, {
      moduleRoot: opts.moduleRoot,
      dockerfile: opts.dockerfile,
      image: opts.image,
    });
    // Parallel builds that find the image missing on one engine build it once.
    const image = await withLock(
      path.join(stateDir, `image-${engineKey(engine.url)}.lock`),
      () => ensureBuildImage(engine, workspaceRoot, resolved, opts.moduleRoot, log, signal, warn),
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
