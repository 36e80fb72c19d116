/** Step: the images of the server tarballs (make release-images), one nested nx run per platform after the builds. */
import { NxRunner, runPerPlatform } from './nested';
import type { PlannedBuild } from './plan';

export interface ImageStepInput {
  target: string;
  builds: PlannedBuild[];
  parallel?: number;
}

/** Runs the image target per platform in order and stops at the first failure. */
export function runReleaseImages(input: ImageStepInput, run: NxRunner): Promise<void> {
  return runPerPlatform(input, run, (platform, command, code) =>
    `Building the images for ${platform} failed (${command} exited with ${code}); fix the image target and release again.`,
  );
}
