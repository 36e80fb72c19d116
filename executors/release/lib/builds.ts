/** Step: build every binary the plan needs, one nested nx run per platform so each build stays a cached task. */
import { buildRunManyArgs } from '../../shared/nx-run';
import { platformString } from '../../../plugin/platforms';
import type { NxRunner } from './nested';
import type { PlannedBuild } from './plan';

export interface BuildStepInput {
  target: string;
  builds: PlannedBuild[];
  parallel?: number;
}

/** Runs the builds in order and stops at the first failure. */
export async function runReleaseBuilds(input: BuildStepInput, run: NxRunner): Promise<void> {
  for (const b of input.builds) {
    const args = buildRunManyArgs({
      target: input.target,
      projects: b.projects,
      configuration: b.configuration,
      parallel: input.parallel,
    });
    const code = await run(args);
    if (code !== 0) {
      throw new Error(`Building for ${platformString(b.platform)} failed (nx ${args.join(' ')} exited with ${code}); fix the build and release again.`);
    }
  }
}
