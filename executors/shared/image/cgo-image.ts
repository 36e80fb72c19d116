/**
 * The cgo build image, kube-cross's counterpart: Debian with a C toolchain
 * for the host, a cross compiler per cgo platform and the cgoPackages for
 * each architecture, plus the same Go toolchain as the kube-build image. Its
 * definition is generated, not a Dockerfile: what goes in is a function of
 * the options (packages, architectures) and is made by mmdebstrap on this
 * machine, then imported as one layer. The tag hashes all of it, so the
 * image is made only when the tag is missing.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pipeline } from 'stream';
import * as tar from 'tar-stream';
import { Platform, hostPlatform } from '../../../plugin/platforms';
import { DockerEngine, MANAGED_LABEL } from '../engine/docker';
import {
  CONTEXT_HASH_LABEL,
  CONTEXT_MTIME,
  GO_VERSION_LABEL,
  IMAGE_REPOSITORY,
  ImageOptions,
  Log,
  ToolchainSource,
  resolveToolchain,
  writeEntry,
} from './build-image';
import { cgoImageContent } from './cross-compilers';
import { DEBIAN_MIRROR, DEBIAN_SUITE, RootfsDefinition, makeRootfs } from './debian-rootfs';
import { packGoTarball } from './go-tarball';
import { gorootEntries } from './toolchain';

/** Bump when what goes into the image changes, so old tags stop matching. */
const CGO_FORMAT = 'nx-kube-build cgo image v1';
const GOROOT_IN_IMAGE = 'usr/local/go';

/** The image's config, as the kube-build image's Dockerfile sets it, with cgo on. */
const CGO_IMAGE_ENV = [
  'PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'GOROOT=/usr/local/go',
  'HOME=/tmp',
  'GOCACHE=/go-cache/build',
  'GOMODCACHE=/go-cache/mod',
  'GOPATH=/go-cache/path',
  'GOTOOLCHAIN=local',
  'GOTELEMETRY=off',
  'CGO_ENABLED=1',
];

export interface CgoImageRequest {
  /** Every platform some cgo build of this module targets. */
  platforms: Platform[];
  /** Debian packages of the C libraries cgo code links. */
  packages: string[];
}

export interface ResolvedCgoImage {
  tag: string;
  rootfs: RootfsDefinition;
  toolchain: ToolchainSource;
  labels: Record<string, string>;
}

/** What the cgo image is and its tag, without touching the engine or the network. */
export async function resolveCgoImage(
  workspaceRoot: string,
  request: CgoImageRequest,
  opts: Pick<ImageOptions, 'goroot' | 'goTarball'> = {},
): Promise<ResolvedCgoImage> {
  const content = cgoImageContent(hostPlatform().arch, request.platforms, request.packages);
  const rootfs: RootfsDefinition = { suite: DEBIAN_SUITE, mirror: DEBIAN_MIRROR, ...content };
  const toolchain = await resolveToolchain(workspaceRoot, opts);
  const hash = crypto.createHash('sha256');
  hash.update(`${CGO_FORMAT}\n${JSON.stringify(rootfs)}\n${JSON.stringify(CGO_IMAGE_ENV)}\n`);
  hash.update(`go ${toolchain.goVersion}\n`);
  hash.update(toolchain.kind === 'goroot' ? `goroot ${toolchain.goroot}\n` : `tarball ${toolchain.sha256}\n`);
  const digest = hash.digest('hex');
  return {
    tag: `${IMAGE_REPOSITORY}:cgo-${digest.slice(0, 12)}`,
    rootfs,
    toolchain,
    labels: { [MANAGED_LABEL]: 'true', [CONTEXT_HASH_LABEL]: digest, [GO_VERSION_LABEL]: toolchain.goVersion },
  };
}

/** The `docker import` changes: the env, the working dir and the labels. */
export function cgoImageChanges(resolved: ResolvedCgoImage): string[] {
  return [
    ...CGO_IMAGE_ENV.map((e) => `ENV ${e}`),
    'WORKDIR /tmp',
    ...Object.entries(resolved.labels).map(([k, v]) => `LABEL ${k}=${v}`),
  ];
}

/** Copies every entry of the rootfs tarball into `pack`. */
async function copyTar(file: string, pack: tar.Pack): Promise<void> {
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        pack.entry(header);
        stream.on('end', next).resume();
        return;
      }
      const sink = pack.entry(header, (err) => (err ? reject(err) : next()));
      pipeline(stream, sink as unknown as NodeJS.WritableStream, (err) => err && reject(err));
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  pipeline(fs.createReadStream(file), extract, (err) => err && extract.destroy(err));
  await done;
}

/** The image's filesystem: Debian, the Go toolchain at /usr/local/go, /go-cache writable by any --user. */
function packImage(rootfsTar: string, toolchain: ToolchainSource): tar.Pack {
  const pack = tar.pack();
  (async () => {
    await copyTar(rootfsTar, pack);
    if (toolchain.kind === 'goroot') {
      for (const e of gorootEntries(toolchain.goroot, GOROOT_IN_IMAGE)) await writeEntry(pack, e);
    } else {
      await packGoTarball(toolchain.file, pack, GOROOT_IN_IMAGE, CONTEXT_MTIME);
    }
    await writeEntry(pack, { name: 'go-cache', type: 'directory', mode: 0o1777 });
    pack.finalize();
  })().catch((e) => pack.destroy(e));
  return pack;
}

/** Makes the cgo image when its tag is missing; the temporary rootfs tarball is always removed. */
export async function ensureCgoImage(
  engine: DockerEngine,
  resolved: ResolvedCgoImage,
  log: Log,
  signal?: AbortSignal,
): Promise<{ tag: string; goVersion: string; built: boolean }> {
  const result = { tag: resolved.tag, goVersion: resolved.toolchain.goVersion };
  if (await engine.imageExists(resolved.tag)) {
    log(`cgo image ${resolved.tag} is up to date`);
    return { ...result, built: false };
  }
  const { architectures, packages, suite } = resolved.rootfs;
  log(`Building cgo image ${resolved.tag}: Debian ${suite} (${architectures.join(', ')}) with ${packages.join(', ')}, and ${resolved.toolchain.goVersion}`);
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-cgo-rootfs-'));
  try {
    const rootfsTar = path.join(tmp, 'rootfs.tar');
    await makeRootfs(resolved.rootfs, rootfsTar, (text) => process.stdout.write(text), signal);
    const fetched = Date.now();
    await engine.importImage(packImage(rootfsTar, resolved.toolchain), resolved.tag, cgoImageChanges(resolved), signal);
    const s = (ms: number): string => (ms / 1000).toFixed(1);
    log(`Built cgo image ${resolved.tag} in ${s(Date.now() - started)}s (Debian root ${s(fetched - started)}s, import ${s(Date.now() - fetched)}s)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { ...result, built: true };
}
