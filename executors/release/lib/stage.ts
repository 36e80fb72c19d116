/** Every tarball and the checksums into a stage, then one swap into release-tars; the stage is removed however it ends. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { releasePaths } from '../../../plugin/vocabulary/layout';
import { writeChecksums } from '../../shared/archive/checksums';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import { checkNotAborted, ReleaseDeps } from './deps';
import { packageFull } from './full';
import { readLicenses } from './licenses';
import { manifestEntries } from './manifests';
import { manifestsTarballName, SharedContent, writeBinaryTarballs } from './package';
import { portableEntries, portableTarballName } from './portable';
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

/** A tarball of `entries` into `finished` when there is anything to hold, else one line saying why not; returns its name or undefined. */
async function optionalTarball(
  file: string,
  entries: Promise<TarEntry[]>,
  why: string,
  finished: string,
  start: ReleaseStart,
  deps: Pick<ReleaseDeps, 'log' | 'signal'>,
): Promise<string | undefined> {
  const list = await entries;
  if (list.length === 0) {
    deps.log.warn(`No ${file}: ${why}`);
    return undefined;
  }
  await writeTarGz(path.join(finished, file), list, { mtime: start.version.epoch, signal: deps.signal });
  return file;
}

/** kube::release::package_tarballs' phases in its order: src, manifests; server, node, client; test, test-portable, full. */
async function writeTarballs(start: ReleaseStart, workspaceRoot: string, stage: string, finished: string, deps: Pick<ReleaseDeps, 'log' | 'signal'>) {
  const { s, moduleDir } = start;
  const src = await packageSource(start, stage, finished, deps);
  const shared = await sharedContent(start, path.join(finished, src), deps);
  checkNotAborted(deps.signal);
  const manifests = await optionalTarball(
    manifestsTarballName(s.name),
    manifestEntries(moduleDir, s.name),
    'the module has none of cluster/gce/manifests, cluster/gce/gci or addon manifests in cluster/addons (package_kube_manifests_tarball).',
    finished,
    start,
    deps,
  );
  const opts = { mtime: start.version.epoch, signal: deps.signal };
  const files = [src, ...(manifests ? [manifests] : []), ...(await writeBinaryTarballs(start.plan.tarballs, workspaceRoot, finished, shared, opts))];
  checkNotAborted(deps.signal);
  const portable = await optionalTarball(
    portableTarballName(s.name),
    portableEntries(moduleDir, s.name),
    'the module has none of test/images, test/e2e/testing-manifests, test/kubemark, hack/lib or the hack/ e2e scripts (KUBE_TEST_PORTABLE).',
    finished,
    start,
    deps,
  );
  if (portable) files.push(portable);
  const full = { shared, manifests: manifests && path.join(finished, manifests) };
  files.push(await packageFull(start, workspaceRoot, finished, full, deps));
  return files;
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
