/** Every tarball and the checksums into a stage, then one swap into release-tars; the stage is removed however it ends. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { releasePaths } from '../../../plugin/vocabulary/layout';
import { writeChecksums } from '../../shared/archive/checksums';
import { checkNotAborted, ReleaseDeps } from './deps';
import { packageMain, writeBinaryTarballs } from './package';
import { publishedFiles, publishRelease, ReleaseOutcome } from './publish';
import { packageSource } from './source';
import type { ReleaseStart } from './start';

export interface StagePaths {
  /** Absolute scratch directory of this release. */
  stage: string;
  /** Where the finished tarballs gather before the swap. */
  finished: string;
  /** Absolute release-tars directory. */
  target: string;
}

/** The stage and release-tars of a module under the workspace. Pure. */
export function stagePaths(workspaceRoot: string, moduleRoot: string): StagePaths {
  const paths = releasePaths(moduleRoot);
  const stage = path.join(workspaceRoot, paths.stage);
  return { stage, finished: path.join(stage, 'release-tars'), target: path.join(workspaceRoot, paths.releaseTars) };
}

export async function packageRelease(
  start: ReleaseStart,
  workspaceRoot: string,
  deps: Pick<ReleaseDeps, 'log' | 'signal'>,
): Promise<ReleaseOutcome> {
  const { stage, finished, target } = stagePaths(workspaceRoot, start.s.moduleRoot);
  await fsp.rm(stage, { recursive: true, force: true });
  await fsp.mkdir(finished, { recursive: true });
  try {
    const files = await writeBinaryTarballs(start.plan.tarballs, workspaceRoot, finished, start.version.epoch, deps.signal);
    checkNotAborted(deps.signal);
    files.push(await packageSource(start, stage, finished, deps));
    checkNotAborted(deps.signal);
    files.push(await packageMain(start, workspaceRoot, finished, deps));
    checkNotAborted(deps.signal);
    const digests = await writeChecksums(finished, files);
    checkNotAborted(deps.signal);
    await publishRelease(finished, target);
    return await publishedFiles(target, digests);
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}
