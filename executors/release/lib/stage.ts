/** Every tarball and the checksums into a stage, then one swap into release-tars; the stage is removed however it ends. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { releasePaths } from '../../../plugin/vocabulary/layout';
import { writeChecksums } from '../../shared/archive/checksums';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import { checkNotAborted, ReleaseDeps } from './deps';
import { packageFull } from './full';
import { readLicenses } from './licenses';
import { manifestEntries, NO_MANIFESTS } from './manifests';
import { manifestsTarballName, SharedContent, writeBinaryTarballs } from './package';
import { NO_PORTABLE, portableEntries, portableTarballName } from './portable';
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

/** The LICENSES every server, node and full tarball shares, with a line for what could not be shipped. */
async function sharedContent(start: ReleaseStart, src: string, deps: Pick<ReleaseDeps, 'log'>): Promise<SharedContent> {
  const name = start.s.name;
  const licenses = await readLicenses(start.moduleDir, `${name}/LICENSES`, name);
  if (licenses.from === 'none') deps.log.warn('No LICENSES/ dir, LICENSE file or vendored licence in the module: no tarball holds LICENSES/.');
  for (const m of licenses.unlicensed) {
    deps.log.warn(`Vendored module ${m} has no LICENSE, COPYING, NOTICE or README saying license or copyright; LICENSES/vendor has none for it.`);
  }
  return { name, licenses: licenses.entries, src };
}

/** Writes a tarball into `finished` when its entries hold anything, else says in one line why there is none; returns its name or undefined. */
function optionalTarballs(finished: string, mtime: number, deps: Pick<ReleaseDeps, 'log' | 'signal'>) {
  return async (file: string, entries: TarEntry[], why: string): Promise<string | undefined> => {
    if (entries.length === 0) {
      deps.log.warn(`No ${file}: ${why}`);
      return undefined;
    }
    await writeTarGz(path.join(finished, file), entries, { mtime, signal: deps.signal });
    return file;
  };
}

/** kube::release::package_tarballs' phases in its order: src, manifests; server, node, client; test, test-portable; full. */
async function writeTarballs(start: ReleaseStart, workspaceRoot: string, stage: string, finished: string, deps: Pick<ReleaseDeps, 'log' | 'signal'>) {
  const { s, moduleDir } = start;
  const optional = optionalTarballs(finished, start.version.epoch, deps);
  const src = await packageSource(start, stage, finished, deps);
  const shared = await sharedContent(start, path.join(finished, src), deps);
  checkNotAborted(deps.signal);
  const manifests = await optional(manifestsTarballName(s.name), await manifestEntries(moduleDir, s.name), NO_MANIFESTS);
  const opts = { mtime: start.version.epoch, signal: deps.signal };
  const binaries = await writeBinaryTarballs(start.plan.tarballs, workspaceRoot, finished, shared, opts);
  checkNotAborted(deps.signal);
  const portable = await optional(portableTarballName(s.name), await portableEntries(moduleDir, s.name), NO_PORTABLE);
  const full = await packageFull(start, workspaceRoot, finished, { shared, manifests: manifests && path.join(finished, manifests) }, deps);
  return [src, manifests, ...binaries, portable, full].filter((f): f is string => f !== undefined);
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
    const files = await writeTarballs(start, workspaceRoot, stage, finished, deps);
    checkNotAborted(deps.signal);
    const digests = await writeChecksums(finished, files);
    checkNotAborted(deps.signal);
    await publishRelease(finished, target);
    return await publishedFiles(target, digests);
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}
