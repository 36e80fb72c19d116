/**
 * Swaps a finished release directory in for release-tars. Renames only, so
 * release-tars is never a mix of two releases nor holds a partial tarball.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { FileDigests } from '../../shared/archive/checksums';
import type { PublishedFile } from './summary';

export interface ReleaseOutcome {
  /** Absolute release-tars directory. */
  dir: string;
  files: PublishedFile[];
}

/**
 * Moves `finished` to `target`, replacing what was there. `finished` must be
 * on the same filesystem (both live under _output). If the final rename
 * fails, the previous release is put back.
 */
export async function publishRelease(finished: string, target: string): Promise<void> {
  const parent = path.dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  const old = path.join(parent, `.${path.basename(target)}.old-${process.pid}-${Date.now()}`);
  let moved = false;
  try {
    await fsp.rename(target, old);
    moved = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    await fsp.rename(finished, target);
  } catch (err) {
    if (moved) await fsp.rename(old, target);
    throw new Error(`Could not move the release from ${finished} to ${target}: ${(err as Error).message}`);
  }
  if (moved) await fsp.rm(old, { recursive: true, force: true });
}

/** The summary rows of a published release: each file's size in release-tars and its sha256. */
export async function publishedFiles(target: string, digests: FileDigests[]): Promise<ReleaseOutcome> {
  const files: PublishedFile[] = [];
  for (const d of digests) {
    files.push({ file: d.file, size: (await fsp.stat(path.join(target, d.file))).size, sha256: d.sha256 });
  }
  return { dir: target, files };
}
