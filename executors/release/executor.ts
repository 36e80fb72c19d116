/**
 * kube::release::package_tarballs for one module: tests, per-platform builds
 * through the cached build tasks, the server images through the cached image
 * tasks, tarballs, checksums, then an all-or-nothing swap into
 * _output/release-tars.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { Platform } from '../../plugin/platforms';
import { platformString } from '../../plugin/platforms';
import { releasePaths } from '../../plugin/vocabulary/layout';
import { writeChecksums } from '../shared/archive/checksums';
import { runNx } from '../shared/nx/nx-run';
import { workspacePath } from '../shared/module/paths';
import { trapSignals } from '../shared/nx/signals';
import { writeTarGz } from '../shared/archive/tar';
import { readVersionInfo } from '../shared/module/git-version';
import type { VersionInfo } from '../../plugin/vocabulary/version';
import { runReleaseBuilds } from './lib/builds';
import { runReleaseImages } from './lib/images';
import { mainTarballEntries, mainTarballName, sourceTarballName, writeBinaryTarballs } from './lib/package';
import { planRelease } from './lib/plan';
import { publishRelease } from './lib/publish';
import { resolveSettings } from './lib/settings';
import { writeSourceTarball } from './lib/source';
import { formatReleaseSummary, PublishedFile } from './lib/summary';
import { runReleaseTests } from './lib/tests';
import type { ReleaseExecutorOptions } from './types';

export interface ReleaseLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Everything the release reaches outside its inputs, so specs can stand in for nx and git. */
export interface ReleaseDeps {
  runNx(workspaceRoot: string, args: string[]): Promise<number>;
  readVersionInfo(workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<VersionInfo>;
  env: NodeJS.ProcessEnv;
  log: ReleaseLog;
  host?: Platform;
  signal?: AbortSignal;
}

export interface ReleaseOutcome {
  /** Absolute release-tars directory. */
  dir: string;
  files: PublishedFile[];
}

const INTERRUPTED = 'The release was interrupted; release-tars is unchanged.';

function checkNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error(INTERRUPTED);
}

/** Runs the whole release; throws on any failure, leaving the previous release-tars as it was. */
export async function runRelease(
  options: ReleaseExecutorOptions,
  workspaceRoot: string,
  deps: ReleaseDeps,
): Promise<ReleaseOutcome> {
  try {
    return await releaseSteps(options, workspaceRoot, deps);
  } catch (err) {
    // A nested nx stopped by the forwarded signal fails too; say why rather than blame the build.
    if (deps.signal?.aborted) throw new Error(INTERRUPTED);
    throw err;
  }
}

async function releaseSteps(options: ReleaseExecutorOptions, workspaceRoot: string, deps: ReleaseDeps): Promise<ReleaseOutcome> {
  const { env, log, signal } = deps;
  const s = resolveSettings(options, env);
  const moduleDir = workspacePath(workspaceRoot, s.moduleRoot || '.', 'moduleRoot');
  if (!(await fsp.stat(moduleDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(`moduleRoot "${s.moduleRoot}" is not a directory under ${workspaceRoot}; point it at the Go module.`);
  }
  const plan = planRelease({
    name: s.name,
    moduleRoot: s.moduleRoot,
    groups: s.groups,
    hostOnly: s.hostOnly,
    env,
    host: deps.host,
    images: s.images,
  });
  for (const note of plan.notes) log.warn(note);
  if (plan.platforms.length > 0) log.info(`Releasing ${s.name} for ${plan.platforms.map(platformString).join(', ')}.`);

  const version = await deps.readVersionInfo(workspaceRoot, env);
  if (!version.gitVersion) {
    throw new Error(`Cannot tell the release version of ${workspaceRoot}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`);
  }

  const nx = (args: string[]) => deps.runNx(workspaceRoot, args);
  if (s.runTests) {
    const ran = await runReleaseTests({ target: s.testTarget, projects: s.testProjects, parallel: s.parallel }, nx);
    if (!ran) log.info('No test projects given; packaging without tests.');
  } else {
    log.info('Skipping tests (runTests is false or KUBE_RELEASE_RUN_TESTS=n).');
  }
  checkNotAborted(signal);
  await runReleaseBuilds({ target: s.buildTarget, builds: plan.builds, parallel: s.parallel }, nx);
  checkNotAborted(signal);
  await runReleaseImages({ target: s.imageTarget, builds: plan.imageBuilds, parallel: s.parallel }, nx);
  checkNotAborted(signal);

  const paths = releasePaths(s.moduleRoot);
  const stage = path.join(workspaceRoot, paths.stage);
  const finished = path.join(stage, 'release-tars');
  const target = path.join(workspaceRoot, paths.releaseTars);
  const mtime = version.epoch;
  await fsp.rm(stage, { recursive: true, force: true });
  await fsp.mkdir(finished, { recursive: true });
  try {
    const files = await writeBinaryTarballs(plan.tarballs, workspaceRoot, finished, mtime, signal);
    checkNotAborted(signal);

    const src = await writeSourceTarball({
      moduleDir,
      name: s.name,
      dest: path.join(finished, sourceTarballName(s.name)),
      scratch: path.join(stage, 'src'),
      mtime,
      signal,
    });
    files.push(sourceTarballName(s.name));
    log.info(`Source tarball taken from ${src.from === 'git' ? 'the committed tree (clean)' : 'the working tree (not clean)'}.`);
    for (const skipped of src.skipped) log.warn(`Left ${skipped} out of the source tarball: it is not a file, directory or symlink.`);
    checkNotAborted(signal);

    const readme = workspacePath(workspaceRoot, s.readme, 'readme');
    const hasReadme = (await fsp.stat(readme).catch(() => undefined))?.isFile() ?? false;
    if (!hasReadme && s.readmeExplicit) {
      throw new Error(`readme "${s.readme}" is not a file; point the option at the README to ship.`);
    }
    if (!hasReadme) log.warn(`No ${s.readme}; ${mainTarballName(s.name)} holds only the version file.`);
    await writeTarGz(
      path.join(finished, mainTarballName(s.name)),
      mainTarballEntries(s.name, version.gitVersion, hasReadme ? readme : undefined),
      { mtime, signal },
    );
    files.push(mainTarballName(s.name));
    checkNotAborted(signal);

    const digests = await writeChecksums(finished, files);
    checkNotAborted(signal);
    await publishRelease(finished, target);

    const published: PublishedFile[] = [];
    for (const d of digests) {
      published.push({ file: d.file, size: (await fsp.stat(path.join(target, d.file))).size, sha256: d.sha256 });
    }
    return { dir: target, files: published };
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

export default async function releaseExecutor(
  options: ReleaseExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const trap = trapSignals();
  try {
    const outcome = await runRelease(options, context.root, {
      runNx: (root, args) => runNx(root, args),
      readVersionInfo,
      env: process.env,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
      signal: trap.signal,
    });
    logger.info(formatReleaseSummary(path.relative(context.root, outcome.dir) || '.', outcome.files));
    return { success: true };
  } catch (err) {
    logger.error(err instanceof Error ? err.message : String(err));
    return { success: false };
  } finally {
    trap.release();
  }
}
