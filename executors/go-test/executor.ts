/**
 * Runs go test for packages of one module, as its steps: options → a pure
 * test plan → an engine lease (or the host's go in host mode) → sources in
 * place → run → the exit code judged.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import * as crypto from 'crypto';
import { reapOrphans, reapedLine } from '../shared/cleanup/orphans';
import { currentOwner } from '../shared/nx/owner';
import { hostPlatform } from '../../plugin/platforms';
import { hostUser } from '../shared/container/go-container';
import { prepareEngine } from '../shared/image/prepare';
import { placeModules } from '../shared/modcache/fill';
import { readVersionInfo } from '../shared/module/git-version';
import { ExecutorRun, runExecutor } from '../shared/nx/executor';
import { placeSources, sourceVolumeOf } from '../shared/sync/place';
import { NormalizedTestOptions, normalizeTestOptions } from './lib/command';
import { leaseTestEngine } from './lib/lease';
import { planTest, testContainer, testDescription, TestPlan } from './lib/plan';
import { checkTestExit, runTestInEngine, runTestOnHost } from './lib/run';
import type { GoTestExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);

/** Runs the plan where the options say and returns go's exit code. */
async function test(o: NormalizedTestOptions, plan: TestPlan, context: ExecutorContext, run: ExecutorRun, prepare: typeof prepareEngine): Promise<number> {
  if (o.mode === 'host') return runTestOnHost(o, plan, run, log);
  const lease = await leaseTestEngine(context.root, o, run, log, prepare);
  const reaped = reapedLine(await reapOrphans(lease.engine, context.root));
  if (reaped) log(reaped);
  run.checkInterrupted(plan.what);
  const sourceVolume = sourceVolumeOf(await placeSources({ ...o, workspaceRoot: context.root }, lease, log));
  run.checkInterrupted(plan.what);
  const modCache = await placeModules({ ...o, workspaceRoot: context.root }, lease, sourceVolume, run, log);
  run.checkInterrupted(plan.what);
  const container = testContainer(plan, o, {
    workspaceRoot: context.root,
    project: context.projectName ?? 'go',
    target: context.targetName ?? 'test',
    nonce: crypto.randomBytes(6).toString('hex'),
    owner: currentOwner(),
    image: lease.image.tag,
    user: hostUser(),
    modCache,
    sourceVolume,
  });
  return runTestInEngine(lease.engine, plan, container, run, log);
}

/** `prepare` is the engine seam: specs pass a fake engine, Nx always gets the real one. */
export default async function goTestExecutor(
  options: GoTestExecutorOptions,
  context: ExecutorContext,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<{ success: boolean }> {
  let what = `go test ${(options.packages ?? []).join(' ')}`.trim();
  return runExecutor(
    async (run) => {
      const o = normalizeTestOptions(options, context.root);
      what = testDescription(o);
      const version = await readVersionInfo(context.root, process.env, { validate: false });
      const plan = planTest(o, { version, hostEnv: process.env, host: hostPlatform() });
      const code = await test(o, plan, context, run, prepare);
      run.checkInterrupted(what);
      checkTestExit(plan, code);
      return { success: true };
    },
    { interrupted: (sig) => `${what} was interrupted${sig ? ` by ${sig}` : ''}: the test container was removed.` },
  );
}
