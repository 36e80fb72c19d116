/**
 * The kube-build image (kube::build::build_image): a tag derived from the image
 * definition and the toolchain, built only when that tag is missing.
 */
import * as crypto from 'crypto';
import fg from 'fast-glob';
import * as fs from 'fs';
import * as path from 'path';
import { pipeline, Writable } from 'stream';
import * as tar from 'tar-stream';
import { containerSpec } from '../container/spec';
import { DockerEngine, MANAGED_LABEL } from '../engine/docker';
import { packGoTarball, scanGoTarball } from './go-tarball';
import { readGoRequirement } from '../module/go-mod';
import { GoLines, toolchainVerdict } from './go-version';
import { toPosixRel, workspacePath } from '../module/paths';
import {
  ContextEntry,
  RuntimeLibrary,
  TOOLCHAIN_GO,
  TOOLCHAIN_ROOTFS,
  gorootEntries,
  gorootVersion,
  hostGoroot,
  rootfsEntries,
  runtimeLibraries,
  sha256File,
  toolchainExecutables,
} from './toolchain';

import { DEFAULT_DOCKERFILE } from '../../../plugin/options';
export { DEFAULT_DOCKERFILE };
export const IMAGE_REPOSITORY = 'kube-build';
export const GO_VERSION_LABEL = 'io.nx-kube-build.go-version';
export const CONTEXT_HASH_LABEL = 'io.nx-kube-build.context-hash';
/** Bump when what goes into the context changes, so old tags stop matching. */
const CONTEXT_FORMAT = 'nx-kube-build context v1';
/** Fixed mtime keeps layers identical across hosts and days. */
export const CONTEXT_MTIME = new Date('2000-01-01T00:00:00Z');

export interface ImageOptions {
  /** Workspace-relative module dir ('' or '.' for the root). */
  moduleRoot?: string;
  /** Module-relative Dockerfile. */
  dockerfile?: string;
  /** Host GOROOT to put in the image; default `go env GOROOT`. */
  goroot?: string;
  /** go<version>.linux-<arch>.tar.gz to put in the image instead of a GOROOT. */
  goTarball?: string;
  /** A ready image: nothing is built. */
  image?: string;
}

export type ToolchainSource =
  | { kind: 'goroot'; goroot: string; goVersion: string; libs: RuntimeLibrary[] }
  | { kind: 'tarball'; file: string; sha256: string; goVersion: string; libs: RuntimeLibrary[] };

export interface ResolvedBuildImage {
  tag: string;
  /** True for an explicit `image`: it must already exist. */
  prebuilt: boolean;
  dockerfile?: string;
  /** Workspace-relative Dockerfile, for messages. */
  dockerfileRel?: string;
  contextDir?: string;
  /** Files of the Dockerfile's folder, relative to it, sorted. */
  contextFiles: string[];
  toolchain?: ToolchainSource;
  labels: Record<string, string>;
}

export type Log = (line: string) => void;

/** The convention: a Dockerfile that COPYs toolchain/go or toolchain/rootfs gets the host toolchain. */
export function usesHostToolchain(dockerfileText: string): boolean {
  return /^\s*(COPY|ADD)\b.*\btoolchain\/(go|rootfs)\b/im.test(dockerfileText);
}

export function imageTag(hash: string): string {
  return `${IMAGE_REPOSITORY}:build-${hash.slice(0, 12)}`;
}

export async function resolveToolchain(workspaceRoot: string, opts: ImageOptions): Promise<ToolchainSource> {
  if (opts.goTarball) {
    const file = path.resolve(workspaceRoot, opts.goTarball);
    if (!fs.existsSync(file)) {
      throw new Error(`goTarball "${opts.goTarball}" does not exist: give the path of a go<version>.linux-<arch>.tar.gz.`);
    }
    const [sha256, scan] = await Promise.all([sha256File(file), scanGoTarball(file)]);
    return { kind: 'tarball', file, sha256, goVersion: scan.goVersion, libs: scan.libs };
  }
  if (process.platform !== 'linux') {
    throw new Error(
      `The host Go toolchain is built for ${process.platform}, but build containers run linux: set goTarball to a go<version>.linux-<arch>.tar.gz, or base the Dockerfile on golang:<version>.`,
    );
  }
  const goroot = opts.goroot ? path.resolve(workspaceRoot, opts.goroot) : await hostGoroot();
  if (!fs.existsSync(path.join(goroot, 'bin', 'go')) || !fs.existsSync(path.join(goroot, 'src'))) {
    throw new Error(`GOROOT ${goroot} has no bin/go and src/: set goroot to a Go installation (go env GOROOT prints one).`);
  }
  const goVersion = await gorootVersion(goroot);
  const libs = runtimeLibraries(toolchainExecutables(goroot));
  return { kind: 'goroot', goroot, goVersion, libs };
}

/**
 * What the image is and what its tag is, without touching the engine. The tag
 * hashes the Dockerfile folder and the toolchain's identity (version and path
 * or tarball digest, plus the loader/libc it runs on), never all of GOROOT.
 */
export async function resolveBuildImage(workspaceRoot: string, opts: ImageOptions): Promise<ResolvedBuildImage> {
  if (opts.image) {
    return { tag: opts.image, prebuilt: true, contextFiles: [], labels: {} };
  }
  const moduleDir = workspacePath(workspaceRoot, opts.moduleRoot || '.', 'moduleRoot');
  const dockerfileRelToModule = opts.dockerfile || DEFAULT_DOCKERFILE;
  const dockerfile = workspacePath(
    workspaceRoot,
    path.join(path.relative(workspaceRoot, moduleDir), dockerfileRelToModule),
    'dockerfile',
  );
  const dockerfileRel = toPosixRel(workspaceRoot, dockerfile);
  if (!fs.existsSync(dockerfile) || !fs.statSync(dockerfile).isFile()) {
    throw new Error(
      `No Dockerfile at ${dockerfileRel}: create the build image definition there, or set the dockerfile or image option.`,
    );
  }
  const contextDir = path.dirname(dockerfile);
  const contextFiles = (
    await fg('**/*', { cwd: contextDir, dot: true, onlyFiles: true, followSymbolicLinks: true })
  ).sort();
  const hash = crypto.createHash('sha256');
  hash.update(`${CONTEXT_FORMAT}\ndockerfile ${path.basename(dockerfile)}\n`);
  for (const f of contextFiles) {
    hash.update(`file ${f} ${await sha256File(path.join(contextDir, f))}\n`);
  }
  let toolchain: ToolchainSource | undefined;
  if (usesHostToolchain(fs.readFileSync(dockerfile, 'utf8'))) {
    toolchain = await resolveToolchain(workspaceRoot, opts);
    hash.update(`go ${toolchain.goVersion}\n`);
    hash.update(toolchain.kind === 'goroot' ? `goroot ${toolchain.goroot}\n` : `tarball ${toolchain.sha256}\n`);
    for (const lib of toolchain.libs) hash.update(`lib ${lib.path} ${await sha256File(lib.source)}\n`);
  }
  const digest = hash.digest('hex');
  const labels: Record<string, string> = { [MANAGED_LABEL]: 'true', [CONTEXT_HASH_LABEL]: digest };
  if (toolchain) labels[GO_VERSION_LABEL] = toolchain.goVersion;
  return {
    tag: imageTag(digest),
    prebuilt: false,
    dockerfile,
    dockerfileRel,
    contextDir,
    contextFiles,
    toolchain,
    labels,
  };
}

/** Every entry of the build context except a tarball toolchain's GOROOT (streamed separately). */
export function contextEntries(resolved: ResolvedBuildImage): ContextEntry[] {
  const out: ContextEntry[] = [];
  const dirs = new Set<string>();
  for (const f of resolved.contextFiles) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) {
        dirs.add(d);
        out.push({ name: d, type: 'directory', mode: 0o755 });
      }
    }
    const source = path.join(resolved.contextDir!, f);
    const st = fs.statSync(source);
    out.push({ name: f, type: 'file', mode: st.mode & 0o777, source, size: st.size });
  }
  const tc = resolved.toolchain;
  if (tc) {
    if (!dirs.has('toolchain')) out.push({ name: 'toolchain', type: 'directory', mode: 0o755 });
    if (tc.kind === 'goroot') out.push(...gorootEntries(tc.goroot, TOOLCHAIN_GO));
    out.push(...rootfsEntries(tc.libs, TOOLCHAIN_ROOTFS));
  }
  return out;
}

export async function writeEntry(pack: tar.Pack, e: ContextEntry): Promise<void> {
  const header = { name: e.name, mode: e.mode, mtime: CONTEXT_MTIME, uid: 0, gid: 0 };
  if (e.type === 'directory') {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ ...header, type: 'directory' }, (err) => (err ? reject(err) : resolve())),
    );
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry({ ...header, type: 'file', size: e.size }, (err) => (err ? reject(err) : resolve()));
    pipeline(fs.createReadStream(e.source!), sink as unknown as NodeJS.WritableStream, (err) => err && reject(err));
  });
}

/** The build context as a tar stream; a read failure destroys the stream (and so fails the build). */
export function packContext(resolved: ResolvedBuildImage): tar.Pack {
  const pack = tar.pack();
  (async () => {
    for (const e of contextEntries(resolved)) await writeEntry(pack, e);
    const tc = resolved.toolchain;
    if (tc?.kind === 'tarball') await packGoTarball(tc.file, pack, TOOLCHAIN_GO, CONTEXT_MTIME);
    pack.finalize();
  })().catch((e) => pack.destroy(e));
  return pack;
}

/** Go version of an image: our label, the golang image's GOLANG_VERSION, or asking its go. */
export async function imageGoVersion(engine: DockerEngine, tag: string): Promise<string | undefined> {
  const info = await engine.inspectImage(tag);
  if (!info) return undefined;
  if (info.labels[GO_VERSION_LABEL]) return info.labels[GO_VERSION_LABEL];
  const env = info.env.find((e) => e.startsWith('GOLANG_VERSION='));
  if (env) return `go${env.slice('GOLANG_VERSION='.length)}`;
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const name = `kube-build-goversion-${crypto.randomBytes(4).toString('hex')}`;
  const spec = containerSpec({
    name,
    image: tag,
    cmd: ['go', 'env', 'GOVERSION'],
    workingDir: '/',
    env: { GOTOOLCHAIN: 'local' },
    mounts: [],
    network: 'none',
  });
  try {
    const code = await engine.runToCompletion(spec, { stdout: sink, stderr: sink });
    const v = out.trim().split('\n').pop() ?? '';
    return code === 0 && /^go\d/.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Throws when the image's Go is older than the context's `go` line; warns when older than its `toolchain` line. */
export function checkGoVersion(imageGo: string | undefined, lines: GoLines | undefined, warn: Log = () => undefined): void {
  const verdict = toolchainVerdict(imageGo, lines, goArch());
  if (verdict.error) throw new Error(verdict.error);
  if (verdict.warning) warn(verdict.warning);
}

/** GOARCH of this machine, for the tarball a message names. */
function goArch(): string {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
}

export interface EnsuredImage {
  tag: string;
  goVersion?: string;
  built: boolean;
}

/**
 * Makes sure the image exists (building it when its tag is missing) and that
 * its Go can build the module.
 */
export async function ensureBuildImage(
  engine: DockerEngine,
  workspaceRoot: string,
  resolved: ResolvedBuildImage,
  moduleRoot: string | undefined,
  log: Log,
  signal?: AbortSignal,
  warn: Log = log,
): Promise<EnsuredImage> {
  const lines = moduleRoot === undefined ? undefined : readGoRequirement(workspaceRoot, workspacePath(workspaceRoot, moduleRoot || '.', 'moduleRoot'));
  // A host toolchain's version is known before anything is built: say so first.
  if (resolved.toolchain) checkGoVersion(resolved.toolchain.goVersion, lines, warn);
  let built = false;
  if (resolved.prebuilt) {
    if (!(await engine.imageExists(resolved.tag))) {
      throw new Error(
        `Image ${resolved.tag} does not exist in the Docker Engine at ${engine.url}: build or load it there first (no registry is pulled from), or drop the image option to build the Dockerfile.`,
      );
    }
  } else if (await engine.imageExists(resolved.tag)) {
    log(`kube-build image ${resolved.tag} is up to date`);
  } else {
    await buildFromDefinition(engine, resolved, log, signal);
    built = true;
  }
  const goVersion = resolved.toolchain?.goVersion ?? (await imageGoVersion(engine, resolved.tag));
  if (!resolved.toolchain) checkGoVersion(goVersion, lines, warn);
  return { tag: resolved.tag, goVersion, built };
}

async function buildFromDefinition(engine: DockerEngine, resolved: ResolvedBuildImage, log: Log, signal?: AbortSignal): Promise<void> {
  const tc = resolved.toolchain;
  const from = tc ? ` with ${tc.goVersion} from ${tc.kind === 'goroot' ? tc.goroot : tc.file}` : '';
  log(`Building kube-build image ${resolved.tag} from ${resolved.dockerfileRel}${from}`);
  const started = Date.now();
  await engine.buildImage(packContext(resolved), resolved.tag, {
    labels: resolved.labels,
    dockerfile: path.basename(resolved.dockerfile!),
    onOutput: (text) => process.stdout.write(text),
    signal,
  });
  log(`Built kube-build image ${resolved.tag} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
