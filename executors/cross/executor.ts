/**
 * make cross for one binary: every platform's build task in one nested Nx
 * task runner, so each platform stays its own cached `build:<os>-<arch>` task
 * and a warm cross costs one nx start, not one per platform.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { Platform, configurationName, hostPlatform, platformString } from '../../plugin/platforms';
import { NxTasksOptions, NxTasksResult, runNxTasks } from '../shared/nx/nx-run';
import { runExecutor } from '../shared/nx/executor';
import type { NamedTask } from '../shared/nx/task-selection';
import { resolveParallel, selectPlatforms } from './lib/select';
import { checkAllBuilt, formatCrossSummary, PlatformResult } from './lib/summary';
import type { CrossExecutorOptions } from './types';

export interface CrossDeps {
  runTasks(workspaceRoot: string, tasks: NamedTask[], opts: NxTasksOptions): Promise<NxTasksResult>;
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
  const target = options.target || 'build';
  const tasks = platforms.map((p): NamedTask => ({ project, target, configuration: configurationName(p) }));
  if (deps.signal?.aborted) return platforms.map((p) => ({ platform: platformString(p) }));
  const { results } = await deps.runTasks(workspaceRoot, tasks, {
    parallel,
    // Tasks side by side print each one's output whole when it ends.
    outputStyle: Math.min(parallel, platforms.length) > 1 ? 'static' : undefined,
  });
  return platforms.map((p, i) => ({ platform: platformString(p), status: results[`${project}:${target}:${tasks[i].configuration}`] }));
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
      runTasks: (root, tasks, opts) => runNxTasks(root, tasks, opts),
      env: process.env,
      nxJsonParallel: typeof parallel === 'number' ? parallel : undefined,
      signal: run.signal,
    });
    logger.info(formatCrossSummary(project, results));
    checkAllBuilt(project, results);
    return { success: true };
  });
}
