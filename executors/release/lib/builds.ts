/** Step: build every binary the plan needs, all platforms in one nested Nx task runner so each build stays a cached task. */
import { NxRunner, NxTasksRunner, runAllPlatforms, runPerPlatform } from './nested';
import type { PlannedBuild } from './plan';

export interface BuildStepInput {
  target: string;
  builds: PlannedBuild[];
  parallel?: number;
}

/**
 * Runs the builds of every platform at once through `runTasks` (one nx start);
 * without it, one nested run-many per platform in order, stopping at the first failure.
 */
export function runReleaseBuilds(input: BuildStepInput, run: NxRunner, runTasks?: NxTasksRunner): Promise<void> {
  if (runTasks) {
    return runAllPlatforms(input, runTasks, (platforms, tasks) =>
      `Building for ${platforms} failed (${tasks}); fix the build and release again.`,
    );
  }
  return runPerPlatform(input, run, (platform, command, code) =>
    `Building for ${platform} failed (${command} exited with ${code}); fix the build and release again.`,
  );
}
