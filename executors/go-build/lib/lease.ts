/** The engine a build runs on: a pool member's lease (or DOCKER_HOST), the kube-build image ready and the Go cache volume there. */
import { resolveEngineSpecs } from '../../shared/engine/engines';
import { PreparedEngine, prepareEngine } from '../../shared/image/prepare';
import type { ExecutorRun } from '../../shared/nx/executor';
import type { NormalizedBuildOptions } from './options';

export interface BuildLog {
  info(line: string): void;
  warn(line: string): void;
}

export async function leaseEngine(
  o: NormalizedBuildOptions,
  run: ExecutorRun,
  log: BuildLog,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<PreparedEngine> {
  const engines = resolveEngineSpecs(o.engines, process.env);
  const lease = await prepare(o.workspaceRoot, { ...o, engines }, log.info, run.signal, log.warn);
  run.onRelease(lease.release);
  return lease;
}
