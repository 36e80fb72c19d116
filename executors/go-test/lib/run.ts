/** Runs a planned go test: in a container of the leased engine, or with the host's go (host mode); a non-zero exit fails the run. */
import { displayCommand } from '../../shared/container/go-container';
import { hostGoEnv, runHostGo } from '../../shared/container/go-host';
import { ContainerInput, containerSpec } from '../../shared/container/spec';
import type { DockerEngine } from '../../shared/engine/docker';
import type { ExecutorRun } from '../../shared/nx/executor';
import type { NormalizedTestOptions } from './command';
import { hostTestEnv, TestPlan } from './plan';

type Log = (line: string) => void;

export async function runTestInEngine(
  engine: Pick<DockerEngine, 'runToCompletion'>,
  plan: TestPlan,
  container: ContainerInput,
  run: Pick<ExecutorRun, 'signal'>,
  log: Log,
): Promise<number> {
  const source = container.mounts.find((m) => m.target === container.workingDir);
  const from = source?.type === 'volume' ? `, sources from volume ${source.source}` : '';
  log(`${displayCommand(['go', ...plan.args])}  (in ${container.image}, container ${container.name}${from})`);
  return engine.runToCompletion(containerSpec(container), { stdout: process.stdout, stderr: process.stderr, signal: run.signal });
}

export async function runTestOnHost(
  o: Pick<NormalizedTestOptions, 'moduleDir'>,
  plan: TestPlan,
  run: Pick<ExecutorRun, 'signal'>,
  log: Log,
): Promise<number> {
  log(displayCommand(['go', ...plan.args]));
  return runHostGo(plan.args, { cwd: o.moduleDir, env: hostGoEnv(hostTestEnv(plan), process.env), signal: run.signal });
}

/** Throws when go test exited non-zero; its output is already above. */
export function checkTestExit(plan: Pick<TestPlan, 'what'>, code: number): void {
  if (code !== 0) throw new Error(`${plan.what} failed with exit code ${code}: the test output is above.`);
}
