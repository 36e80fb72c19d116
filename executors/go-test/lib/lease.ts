/** The engine a test runs on: DOCKER_HOST's engine with the kube-build image ready and the Go cache volume there. */
import { PreparedEngine, prepareEngine } from '../../shared/image/prepare';
import type { ExecutorRun } from '../../shared/nx/executor';
import type { NormalizedTestOptions } from './command';

export async function leaseTestEngine(
  workspaceRoot: string,
  o: NormalizedTestOptions,
  run: Pick<ExecutorRun, 'signal' | 'onRelease'>,
  log: (line: string) => void,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<PreparedEngine> {
  const lease = await prepare(workspaceRoot, o, log, run.signal);
  run.onRelease(lease.release);
  return lease;
}
