/**
 * kube::release::package_tarballs for one module, as its steps: options → the
 * settings, a pure plan and the version → tests, per-platform builds and the
 * server images through the cached nested tasks → tarballs and checksums in
 * a stage → one all-or-nothing swap into _output/release-tars.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import * as path from 'path';
import { readVersionInfo } from '../shared/module/git-version';
import { runExecutor } from '../shared/nx/executor';
import { runNx, runNxTasks } from '../shared/nx/nx-run';
import { buildOutputOf } from '../shared/nx/build-output';
import { INTERRUPTED, ReleaseDeps } from './lib/deps';
import type { ReleaseOutcome } from './lib/publish';
import { packageRelease } from './lib/stage';
import { startRelease } from './lib/start';
import { formatReleaseSummary } from './lib/summary';
import { runNestedTargets } from './lib/targets';
import type { ReleaseExecutorOptions } from './types';

/** Runs the whole release; throws on any failure, leaving the previous release-tars as it was. */
export async function runRelease(
  options: ReleaseExecutorOptions,
  workspaceRoot: string,
  deps: ReleaseDeps,
): Promise<ReleaseOutcome> {
  try {
    const start = await startRelease(options, workspaceRoot, deps);
    await runNestedTargets(start, workspaceRoot, deps);
    return await packageRelease(start, workspaceRoot, deps);
  } catch (err) {
    // A nested nx stopped by the forwarded signal fails too; say why rather than blame the build.
    if (deps.signal?.aborted) throw new Error(INTERRUPTED);
    throw err;
  }
}

export default async function releaseExecutor(
  options: ReleaseExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runExecutor(async (run) => {
    const outcome = await runRelease(options, context.root, {
      runNx: (root, args) => runNx(root, args),
      runTasks: (root, tasks, opts) => runNxTasks(root, tasks, opts),
      readVersionInfo,
      env: process.env,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
      signal: run.signal,
      buildOutput: buildOutputOf(context),
    });
    logger.info(formatReleaseSummary(path.relative(context.root, outcome.dir) || '.', outcome.files));
    return { success: true };
  });
}
