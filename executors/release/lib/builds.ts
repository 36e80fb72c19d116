/** Step: build every binary the plan needs, one nested nx run per platform so each build stays a cached task. */
import { NxRunner, runPerPlatform } from './nested';
import type { PlannedBuild } from './plan';

export interface BuildStepInput {
  target: string;
  builds: PlannedBuild[];
  parallel?: number;
}

/** Runs the builds in order and stops at the first failure. */
export function runReleaseBuilds(input: BuildStepInput, run: NxRunner): Promise<void> {
  return runPerPlatform(input, run, (platform, command, code) =>
    `Building for ${platform} failed (${command} exited with ${code}); fix the build and release again.`,
  );
}
