/** Step: the images of the server tarballs (make release-images), one nested nx run per platform after the builds. */
import { buildRunManyArgs } from '../../shared/nx-run';
import { platformString } from '../../../plugin/platforms';
import type { NxRunner } from './nested';
import type { PlannedBuild } from './plan';

export interface ImageStepInput {
  target: string;
  builds: PlannedBuild[];
  parallel?: number;
}

/** Runs the image target per platform in order and stops at the first failure. */
export async function runReleaseImages(input: ImageStepInput, run: NxRunner): Promise<void> {
  for (const b of input.builds) {
    const args = buildRunManyArgs({
      target: input.target,
      projects: b.projects,
      configuration: b.configuration,
      parallel: input.parallel,
    });
    const code = await run(args);
    if (code !== 0) {
      throw new Error(
        `Building the images for ${platformString(b.platform)} failed (nx ${args.join(' ')} exited with ${code}); fix the image target and release again.`,
      );
    }
  }
}
