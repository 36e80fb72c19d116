/** Step: the test target of the release's test projects, as release.sh runs tests before packaging. */
import { buildRunManyArgs } from '../../shared/nx/nx-run';
import type { NxRunner } from './nested';

export interface TestStepInput {
  target: string;
  projects: string[];
  parallel?: number;
}

/** Runs the tests; throws when they fail so nothing is packaged. Returns false when there was nothing to run. */
export async function runReleaseTests(input: TestStepInput, run: NxRunner): Promise<boolean> {
  if (input.projects.length === 0) return false;
  const args = buildRunManyArgs({ target: input.target, projects: input.projects, parallel: input.parallel });
  const code = await run(args);
  if (code !== 0) {
    throw new Error(
      `Tests failed (nx ${args.join(' ')} exited with ${code}); fix them, or set KUBE_RELEASE_RUN_TESTS=n to release without them.`,
    );
  }
  return true;
}
