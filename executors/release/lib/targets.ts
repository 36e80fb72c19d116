/** The release's nested targets in release.sh's order: tests, then the builds, then the images, each a cached nx run. */
import { runReleaseBuilds } from './builds';
import { checkNotAborted, ReleaseDeps } from './deps';
import { runReleaseImages } from './images';
import type { ReleaseStart } from './start';
import { runReleaseTests } from './tests';

export async function runNestedTargets(
  { s, plan }: Pick<ReleaseStart, 's' | 'plan'>,
  workspaceRoot: string,
  deps: Pick<ReleaseDeps, 'runNx' | 'runTasks' | 'log' | 'signal'>,
): Promise<void> {
  const nx = (args: string[]) => deps.runNx(workspaceRoot, args);
  if (s.runTests) {
    const ran = await runReleaseTests({ target: s.testTarget, projects: s.testProjects, parallel: s.parallel }, nx);
    if (!ran) deps.log.info('No test projects given; packaging without tests.');
  } else {
    deps.log.info('Skipping tests (runTests is false or KUBE_RELEASE_RUN_TESTS=n).');
  }
  checkNotAborted(deps.signal);
  const runTasks = deps.runTasks && ((tasks: Parameters<NonNullable<ReleaseDeps['runTasks']>>[1], opts: { parallel?: number }) => deps.runTasks!(workspaceRoot, tasks, opts));
  await runReleaseBuilds({ target: s.buildTarget, builds: plan.builds, parallel: s.parallel }, nx, runTasks);
  checkNotAborted(deps.signal);
  await runReleaseImages({ target: s.imageTarget, builds: plan.imageBuilds, parallel: s.parallel }, nx);
  checkNotAborted(deps.signal);
}
