/**
 * make cross for one binary: a nested `nx run-many -c <os>-<arch>` per
 * platform, so each platform stays its own cached build task.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { Platform, configurationName, hostPlatform, platformString } from '../../plugin/platforms';
import { buildRunManyArgs, runNx } from '../shared/nx/nx-run';
import { runExecutor } from '../shared/nx/executor';
import { mapLimit } from './lib/pool';
import { resolveParallel, selectPlatforms } from './lib/select';
import { formatCrossSummary, PlatformResult } from './lib/summary';
import type { CrossExecutorOptions } from './types';

export interface CrossDeps {
  runNx(workspaceRoot: string, args: string[]): Promise<number>;
  env: NodeJS.ProcessEnv;
  host?: Platform;
  nxJsonParallel?: number;
  signal?: AbortSignal;
}

/** Builds every selected platform (all of them, even after a failure) and returns one result each. */
export async function runCross(
  options: CrossExecutorOptions,
  project: string,
  workspaceRoot: string,
  deps: CrossDeps,
): Promise<PlatformResult[]> {
  const platforms = selectPlatforms(options.platforms, deps.env, deps.host ?? hostPlatform(), project, options.droppedPlatforms);
  const parallel = resolveParallel(options.parallel, deps.nxJsonParallel, deps.env);
  const concurrent = Math.min(parallel, platforms.length) > 1;
  return mapLimit(platforms, parallel, async (p): Promise<PlatformResult> => {
    if (deps.signal?.aborted) return { platform: platformString(p) };
    const args = buildRunManyArgs({
      target: options.target || 'build',
      projects: [project],
      configuration: configurationName(p),
      // Nested runs side by side must not redraw the terminal over each other.
      outputStyle: concurrent ? 'static' : undefined,
    });
    const started = Date.now();
    const exitCode = await deps.runNx(workspaceRoot, args);
    return { platform: platformString(p), exitCode, seconds: (Date.now() - started) / 1000 };
  });
}

export default async function crossExecutor(
  options: CrossExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const project = context.projectName;
  if (!project) {
    logger.error('The cross executor needs a project; run it as <project>:cross.');
    return { success: false };
  }
  return runExecutor(async (run) => {
    const parallel = context.nxJsonConfiguration?.parallel;
    const results = await runCross(options, project, context.root, {
      runNx: (root, args) => runNx(root, args),
      env: process.env,
      nxJsonParallel: typeof parallel === 'number' ? parallel : undefined,
      signal: run.signal,
    });
    logger.info(formatCrossSummary(project, results));
    const failed = results.filter((r) => r.exitCode !== 0);
    if (failed.length > 0) {
      throw new Error(`${project} did not build for ${failed.map((r) => r.platform).join(', ')}; see the output above.`);
    }
    return { success: true };
  });
}
