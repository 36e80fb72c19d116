import { platformString } from '../../../plugin/platforms';
import { buildRunManyArgs } from '../../shared/nx/nx-run';
import type { PlannedBuild } from './plan';

/** How release steps start a nested nx: injectable so steps are testable without one. */
export type NxRunner = (args: string[]) => Promise<number>;

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
