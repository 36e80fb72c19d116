/**
 * build/lib/release.sh's image step for one binary and platform: the binary
 * from its cached build task, one layer at /usr/local/bin on scratch or a base
 * image, a deterministic docker-archive and .docker_tag in
 * _output/release-images/<arch>, loaded into the engine as
 * <registry>/<binary>-<arch>:<version>, optionally pushed.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { createReadStream, promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable } from 'stream';
import { platformString } from '../../plugin/platforms';
import { connect, ImageInfo, PushInput } from '../shared/engine/docker';
import { buildRunManyArgs, runNx } from '../shared/nx/nx-run';
import { toPosixRel, workspacePath } from '../shared/module/paths';
import { runExecutor } from '../shared/nx/executor';
import { readVersionInfo } from '../shared/module/git-version';
import type { VersionInfo } from '../../plugin/vocabulary/version';
import { writeDockerArchive } from './lib/archive';
import { resolveAuth } from './lib/auth';
import { BaseImage, checkBasePlatform, readDockerArchive } from './lib/base';
import { imageConfig } from './lib/config';
import { writeBinaryLayer } from './lib/layer';
import { imageName, registryHost } from './lib/naming';
import { ImageSettings, resolveImageSettings } from './lib/settings';
import type { ImageExecutorOptions } from './types';

/** The part of the engine module an image run uses. */
export interface ImageEngine {
  ping(): Promise<void>;
  loadImage(archive: Readable, what: string, signal?: AbortSignal): Promise<void>;
  exportImage(name: string): Promise<Readable>;
  pushImage(push: PushInput): Promise<string | undefined>;
  inspectImage(tag: string): Promise<ImageInfo | undefined>;
}

export interface ImageDeps {
  runNx(workspaceRoot: string, args: string[]): Promise<number>;
  readVersionInfo(workspaceRoot: string, env: NodeJS.ProcessEnv): Promise<VersionInfo>;
  engine(): ImageEngine;
  env: NodeJS.ProcessEnv;
  log: { info(message: string): void; warn(message: string): void };
  signal?: AbortSignal;
}

export interface ImageOutcome {
  /** `<registry>/<binary>-<arch>:<tag>`. */
  ref: string;
  /** `sha256:` of the config: the same for the same binary and version on any machine. */
  imageId: string;
  /** The ID the engine reports for the loaded tag. */
  engineId: string;
  /** Workspace-relative archive and tag file. */
  archive: string;
  tagFile: string;
  /** Manifest digest the registry reported, when pushed. */
  digest?: string;
}

function checkNotAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new Error(`Building the ${what} image was interrupted.`);
}

async function readBase(
  base: NonNullable<ImageSettings['baseImage']>,
  root: string,
  scratch: string,
  engine: ImageEngine,
): Promise<BaseImage> {
  if (base.kind === 'archive') {
    const file = workspacePath(root, base.path, 'baseImage');
    if (!(await fsp.stat(file).catch(() => undefined))?.isFile()) {
      throw new Error(`baseImage "${base.path}" is not a file; point it at a docker-archive written by docker save, relative to the workspace root.`);
    }
    return readDockerArchive(createReadStream(file), scratch, `base image archive ${base.path}`);
  }
  return readDockerArchive(await engine.exportImage(base.name), scratch, `base image ${base.name}`);
}

/** The settings, the absolute paths and the version of one image run. */
async function startImage(options: ImageExecutorOptions, project: string, workspaceRoot: string, deps: ImageDeps) {
  const s = resolveImageSettings(options, deps.env, project);
  const binary = workspacePath(workspaceRoot, s.binaryPath, 'binaryPath');
  const archive = workspacePath(workspaceRoot, s.archivePath, 'archivePath');
  const tagFile = workspacePath(workspaceRoot, s.tagFile, 'tagFile');
  const version = await deps.readVersionInfo(workspaceRoot, deps.env);
  if (!version.gitVersion) {
    throw new Error(`Cannot tell the image version of ${workspaceRoot}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`);
  }
  return {
    s,
    version: { ...version, gitVersion: version.gitVersion },
    name: imageName(s.registry, s.binary, s.platform.arch, version.gitVersion),
    binary,
    archive,
    tagFile,
  };
}
type ImageStart = Awaited<ReturnType<typeof startImage>>;

/** The binary from its cached build task, through a nested nx. */
async function buildBinary({ s }: ImageStart, project: string, workspaceRoot: string, deps: ImageDeps): Promise<void> {
  const args = buildRunManyArgs({ target: s.buildTarget, projects: [project], configuration: s.configuration });
  const code = await deps.runNx(workspaceRoot, args);
  if (code !== 0) {
    throw new Error(
      `Building ${s.binary} for ${platformString(s.platform)} failed (nx ${args.join(' ')} exited with ${code}); fix the build and run the image target again.`,
    );
  }
  checkNotAborted(deps.signal, s.binary);
}

/** The docker-archive and the tag file, written whole or not at all; returns the image ID. */
async function writeImage(start: ImageStart, workspaceRoot: string, engine: ImageEngine, signal?: AbortSignal): Promise<string> {
  const { s, version, name, archive, tagFile } = start;
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'nkb-image-'));
  const partial = `${archive}.partial`;
  try {
    const base = s.baseImage ? await readBase(s.baseImage, workspaceRoot, path.join(scratch, 'base'), engine) : undefined;
    if (base && s.baseImage) {
      checkBasePlatform(base.config, s.platform, s.baseImage.kind === 'archive' ? s.baseImage.path : s.baseImage.name);
    }
    checkNotAborted(signal, s.binary);
    const layer = path.join(scratch, 'layer.tar');
    const diffId = await writeBinaryLayer(layer, s.binary, start.binary, version.epoch, signal);
    const config = imageConfig({
      binary: s.binary,
      platform: s.platform,
      created: version.buildDate,
      gitVersion: version.gitVersion,
      gitCommit: version.gitCommit,
      layerDiffId: diffId,
      base: base?.config,
    });
    await fsp.mkdir(path.dirname(archive), { recursive: true });
    await fsp.mkdir(path.dirname(tagFile), { recursive: true });
    const layers = [...(base?.layers ?? []), { file: layer, diffId }];
    const imageId = await writeDockerArchive(partial, { config, layers, repoTags: [{ repo: name.repo, tag: name.tag }] }, version.epoch, signal);
    await fsp.rename(partial, archive);
    await fsp.writeFile(tagFile, `${name.tag}\n`);
    return imageId;
  } finally {
    await fsp.rm(partial, { force: true });
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

/** Loads the archive into the engine and returns the ID the engine reports. */
async function loadImage({ name, archive }: ImageStart, workspaceRoot: string, engine: ImageEngine, deps: ImageDeps): Promise<string> {
  await engine.loadImage(createReadStream(archive), name.ref, deps.signal);
  const loaded = await engine.inspectImage(name.ref);
  if (!loaded) {
    throw new Error(`The Docker Engine loaded ${toPosixRel(workspaceRoot, archive)} but has no ${name.ref}; load it by hand (docker load -i) to see why.`);
  }
  deps.log.info(`Loaded ${name.ref} (${loaded.id}) from ${toPosixRel(workspaceRoot, archive)}.`);
  return loaded.id;
}

/** Pushes the tag with the credentials found; returns the manifest digest. */
async function pushImage({ s, name }: ImageStart, engine: ImageEngine, deps: ImageDeps): Promise<string | undefined> {
  const host = registryHost(s.registry);
  const auth = resolveAuth(s.auth, host, deps.env);
  if (auth.note) deps.log.warn(auth.note);
  const digest = await engine.pushImage({ repo: name.repo, tag: name.tag, registry: host, auth: auth.auth, signal: deps.signal });
  deps.log.info(`Pushed ${name.ref}${digest ? ` as ${name.repo}@${digest}` : ''} (credentials: ${auth.source}).`);
  return digest;
}

export async function runImage(
  options: ImageExecutorOptions,
  project: string,
  workspaceRoot: string,
  deps: ImageDeps,
): Promise<ImageOutcome> {
  const start = await startImage(options, project, workspaceRoot, deps);
  const engine = deps.engine();
  await engine.ping();
  await buildBinary(start, project, workspaceRoot, deps);
  const imageId = await writeImage(start, workspaceRoot, engine, deps.signal);
  checkNotAborted(deps.signal, start.s.binary);
  const engineId = await loadImage(start, workspaceRoot, engine, deps);
  const digest = start.s.push ? await pushImage(start, engine, deps) : undefined;
  return {
    ref: start.name.ref,
    imageId,
    engineId,
    archive: toPosixRel(workspaceRoot, start.archive),
    tagFile: toPosixRel(workspaceRoot, start.tagFile),
    ...(digest ? { digest } : {}),
  };
}

/**
 * The env of the nested build. Nx hands `--skip-nx-cache` of the image task to
 * it as NX_SKIP_NX_CACHE; remaking an image never rebuilds its binary, so the
 * build stays a cached task.
 */
export function nestedBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.NX_SKIP_NX_CACHE;
  return out;
}

export default async function imageExecutor(
  options: ImageExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean; ref?: string; imageId?: string }> {
  const project = context.projectName;
  if (!project) {
    logger.error('The image executor needs a project; run it as <binary>:image:<os>-<arch>.');
    return { success: false };
  }
  return runExecutor(
    async (run) => {
      const outcome = await runImage(options, project, context.root, {
        runNx: (root, args) => runNx(root, args, { env: nestedBuildEnv(process.env) }),
        readVersionInfo,
        engine: () => connect(process.env),
        env: process.env,
        log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
        signal: run.signal,
      });
      return { success: true, ref: outcome.ref, imageId: outcome.imageId };
    },
    { interrupted: (sig) => (sig ? `Building the image was interrupted by ${sig}.` : 'Building the image was interrupted.') },
  );
}
