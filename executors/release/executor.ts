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
import { configurationName, platformString } from '../../plugin/platforms';
import { releasePaths } from '../../plugin/vocabulary/layout';
import { writeChecksums } from '../shared/archive/checksums';
import { runNx } from '../shared/nx/nx-run';
import { workspacePath } from '../shared/module/paths';
import { runExecutor } from '../shared/nx/executor';
import { writeTarGz } from '../shared/archive/tar';
import { readVersionInfo } from '../shared/module/git-version';
import type { VersionInfo } from '../../plugin/vocabulary/version';
import { runReleaseBuilds } from './lib/builds';
import { runReleaseImages } from './lib/images';
import { mainTarballEntries, mainTarballName, sourceTarballName, writeBinaryTarballs } from './lib/package';
import { planRelease, ReleasePlan } from './lib/plan';
import { publishRelease } from './lib/publish';
import { ReleaseSettings, resolveSettings } from './lib/settings';
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
  /** Workspace-relative binary a project's build target writes for a configuration; undefined: the output layout's. */
  buildOutput?(target: string, project: string, configuration: string): string | undefined;
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

interface ReleaseStart {
  s: ReleaseSettings;
  moduleDir: string;
  plan: ReleasePlan;
  version: VersionInfo & { gitVersion: string };
}

/** Settings, the module, the pure plan and the version: everything decided before anything runs. */
async function startRelease(options: ReleaseExecutorOptions, workspaceRoot: string, deps: ReleaseDeps): Promise<ReleaseStart> {
  const { env, log } = deps;
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
    binarySource: deps.buildOutput && ((project, p) => deps.buildOutput!(s.buildTarget, project, configurationName(p))),
  });
  for (const note of plan.notes) log.warn(note);
  if (plan.platforms.length > 0) log.info(`Releasing ${s.name} for ${plan.platforms.map(platformString).join(', ')}.`);
  const version = await deps.readVersionInfo(workspaceRoot, env);
  if (!version.gitVersion) {
    throw new Error(`Cannot tell the release version of ${workspaceRoot}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`);
  }
  return { s, moduleDir, plan, version: { ...version, gitVersion: version.gitVersion } };
}

/** Tests, then the builds, then the images, each through nested cached nx runs. */
async function runNestedTargets({ s, plan }: ReleaseStart, workspaceRoot: string, deps: ReleaseDeps): Promise<void> {
  const nx = (args: string[]) => deps.runNx(workspaceRoot, args);
  if (s.runTests) {
    const ran = await runReleaseTests({ target: s.testTarget, projects: s.testProjects, parallel: s.parallel }, nx);
    if (!ran) deps.log.info('No test projects given; packaging without tests.');
  } else {
    deps.log.info('Skipping tests (runTests is false or KUBE_RELEASE_RUN_TESTS=n).');
  }
  checkNotAborted(deps.signal);
  await runReleaseBuilds({ target: s.buildTarget, builds: plan.builds, parallel: s.parallel }, nx);
  checkNotAborted(deps.signal);
  await runReleaseImages({ target: s.imageTarget, builds: plan.imageBuilds, parallel: s.parallel }, nx);
  checkNotAborted(deps.signal);
}

/** The source tarball, from the committed tree when clean; returns its file name. */
async function packageSource({ s, moduleDir, version }: ReleaseStart, stage: string, finished: string, deps: ReleaseDeps): Promise<string> {
  const src = await writeSourceTarball({
    moduleDir,
    name: s.name,
    dest: path.join(finished, sourceTarballName(s.name)),
    scratch: path.join(stage, 'src'),
    mtime: version.epoch,
    signal: deps.signal,
  });
  deps.log.info(`Source tarball taken from ${src.from === 'git' ? 'the committed tree (clean)' : 'the working tree (not clean)'}.`);
  for (const skipped of src.skipped) deps.log.warn(`Left ${skipped} out of the source tarball: it is not a file, directory or symlink.`);
  return sourceTarballName(s.name);
}

/** The main tarball: the version file and the README; returns its file name. */
async function packageMain({ s, version }: ReleaseStart, workspaceRoot: string, finished: string, deps: ReleaseDeps): Promise<string> {
  const readme = workspacePath(workspaceRoot, s.readme, 'readme');
  const hasReadme = (await fsp.stat(readme).catch(() => undefined))?.isFile() ?? false;
  if (!hasReadme && s.readmeExplicit) {
    throw new Error(`readme "${s.readme}" is not a file; point the option at the README to ship.`);
  }
  if (!hasReadme) deps.log.warn(`No ${s.readme}; ${mainTarballName(s.name)} holds only the version file.`);
  await writeTarGz(
    path.join(finished, mainTarballName(s.name)),
    mainTarballEntries(s.name, version.gitVersion, hasReadme ? readme : undefined),
    { mtime: version.epoch, signal: deps.signal },
  );
  return mainTarballName(s.name);
}

/** Every tarball and the checksums into a stage, then one swap into release-tars. */
async function packageRelease(start: ReleaseStart, workspaceRoot: string, deps: ReleaseDeps): Promise<ReleaseOutcome> {
  const paths = releasePaths(start.s.moduleRoot);
  const stage = path.join(workspaceRoot, paths.stage);
  const finished = path.join(stage, 'release-tars');
  const target = path.join(workspaceRoot, paths.releaseTars);
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
    const published: PublishedFile[] = [];
    for (const d of digests) {
      published.push({ file: d.file, size: (await fsp.stat(path.join(target, d.file))).size, sha256: d.sha256 });
    }
    return { dir: target, files: published };
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

async function releaseSteps(options: ReleaseExecutorOptions, workspaceRoot: string, deps: ReleaseDeps): Promise<ReleaseOutcome> {
  const start = await startRelease(options, workspaceRoot, deps);
  await runNestedTargets(start, workspaceRoot, deps);
  return packageRelease(start, workspaceRoot, deps);
}

/**
 * Where a project's build target writes for a configuration, as Nx resolved
 * the target: the configuration's outputPath over the target's.
 */
export function buildOutputOf(context: Pick<ExecutorContext, 'projectsConfigurations'>) {
  return (target: string, project: string, configuration: string): string | undefined => {
    const t = context.projectsConfigurations?.projects[project]?.targets?.[target];
    const out = t?.configurations?.[configuration]?.outputPath ?? t?.options?.outputPath;
    return typeof out === 'string' && out !== '' ? out : undefined;
  };
}

export default async function releaseExecutor(
  options: ReleaseExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runExecutor(async (run) => {
    const outcome = await runRelease(options, context.root, {
      runNx: (root, args) => runNx(root, args),
      readVersionInfo,
      env: process.env,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
      signal: run.signal,
      buildOutput: buildOutputOf(context),
    });
    logger.info(formatReleaseSummary(path.relative(context.root, outcome.dir) || '.', outcome.files));
    return { success: true };
  });
}
