import { platformString } from '../../../plugin/platforms';
import { buildRunManyArgs, NxTasksResult } from '../../shared/nx/nx-run';
import { NamedTask, namedTaskId } from '../../shared/nx/task-selection';
import type { PlannedBuild } from './plan';

/** How release steps start a nested nx: injectable so steps are testable without one. */
export type NxRunner = (args: string[]) => Promise<number>;

/** Runs named tasks of several configurations in one nested Nx task runner (shared/nx runNxTasks). */
export type NxTasksRunner = (tasks: NamedTask[], opts: { parallel?: number }) => Promise<NxTasksResult>;

/**
 * Runs `target` once per planned platform, in order, as a nested `nx run-many`
 * so each task stays cached; the first failure stops the release with
 * `failure(platform, args, code)` as its message.
 */
export async function runPerPlatform(
  input: { target: string; builds: PlannedBuild[]; parallel?: number },
  run: NxRunner,
  failure: (platform: string, command: string, code: number) => string,
): Promise<void> {
  for (const b of input.builds) {
    const args = buildRunManyArgs({ target: input.target, projects: b.projects, configuration: b.configuration, parallel: input.parallel });
    const code = await run(args);
    if (code !== 0) throw new Error(failure(platformString(b.platform), `nx ${args.join(' ')}`, code));
  }
}

/** Nx statuses of a task that ended well: built, or restored from a cache. */
const OK = new Set(['success', 'local-cache', 'local-cache-kept-existing', 'remote-cache']);

/**
 * Runs `target` for every planned platform in one nested Nx task runner (one
 * nx start, each task still cached as `project:target:<os>-<arch>`); when any
 * fails, throws `failure(platforms, tasks)` naming the platforms and tasks.
 */
export async function runAllPlatforms(
  input: { target: string; builds: PlannedBuild[]; parallel?: number },
  run: NxTasksRunner,
  failure: (platforms: string, tasks: string) => string,
): Promise<void> {
  const tasks = input.builds.flatMap((b) => b.projects.map((project): NamedTask => ({ project, target: input.target, configuration: b.configuration })));
  if (tasks.length === 0) return;
  const { exitCode, results } = await run(tasks, { parallel: input.parallel });
  const failed = tasks.filter((t) => !OK.has(results[namedTaskId(t)] ?? ''));
  if (failed.length === 0 && exitCode === 0) return;
  const platforms = input.builds.filter((b) => failed.some((t) => t.configuration === b.configuration)).map((b) => platformString(b.platform));
  throw new Error(failure(platforms.join(', ') || 'some platform', failed.map(namedTaskId).join(', ') || `nx exited with ${exitCode}`));
}
