/**
 * How a Go command runs in the kube-build container, as
 * kube::build::run_build_command does: source read-only, output and cache the
 * only writable mounts, no network, the caller's uid, an explicit env.
 */
import * as path from 'path';
import type { Platform } from '../../../plugin/platforms';
import { ContainerInput, MountSpec, sanitizeContainerName } from './spec';
import { workspaceHash } from '../module/paths';

/** The Go cache volume of a caller with no uid (not POSIX); every other caller gets defaultCacheVolume's. */
export const DEFAULT_CACHE_VOLUME = 'nx-kube-build-gocache';
export const CACHE_MOUNT = '/go-cache';
/** Where a non-vendored context's module-cache volume is mounted read-only; GOMODCACHE is its mod/. */
export const MODCACHE_MOUNT = '/go-mod';
export const OUTPUT_MOUNT = '/output';
export const SOURCE_ROOT = '/go/src';
/** Where a build on an engine without a bind-mounted output dir writes (world-writable in the image); copied out after. */
export const CONTAINER_OUTPUT_DIR = '/tmp';

/** The only variables a build container gets; the image supplies PATH, HOME, GOCACHE... */
export const CONTAINER_ENV_KEYS = [
  'GOOS',
  'GOARCH',
  'CGO_ENABLED',
  'GOFLAGS',
  'GOLDFLAGS',
  'GOGCFLAGS',
  'GOPROXY',
  'KUBE_VERBOSE',
  'SOURCE_DATE_EPOCH',
] as const;

/** A cgo build for another platform than the image's also gets its C compilers (golang.sh's set_platform_envs). */
export const CGO_CROSS_ENV_KEYS = ['CC', 'CXX', 'PKG_CONFIG_PATH', 'PKG_CONFIG_LIBDIR'] as const;

export interface GoEnvInput {
  platform: Platform;
  cgo: boolean;
  /** CC, CXX and pkg-config dirs of a cross cgo build (CGO_CROSS_ENV_KEYS only). */
  compilers?: Record<string, string>;
  /** <module>/vendor/modules.txt exists. */
  vendored: boolean;
  hostEnv: NodeJS.ProcessEnv;
  sourceDateEpoch: string;
}

const words = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);

/** GOFLAGS: vendoring and no VCS stamping first, then the caller's GOFLAGS (which win). */
export function goflagsEnv(vendored: boolean, hostGoflags: string | undefined): string {
  return [...(vendored ? ['-mod=vendor'] : []), '-buildvcs=false', ...words(hostGoflags)].join(' ');
}

/** Exactly CONTAINER_ENV_KEYS (and the compilers of a cross cgo build), nothing inherited. Pure. */
export function goContainerEnv(i: GoEnvInput): Record<string, string> {
  return {
    GOOS: i.platform.os,
    GOARCH: i.platform.arch,
    CGO_ENABLED: i.cgo ? '1' : '0',
    GOFLAGS: goflagsEnv(i.vendored, i.hostEnv.GOFLAGS),
    GOLDFLAGS: i.hostEnv.GOLDFLAGS ?? '',
    GOGCFLAGS: i.hostEnv.GOGCFLAGS ?? '',
    GOPROXY: 'off',
    KUBE_VERBOSE: i.hostEnv.KUBE_VERBOSE ?? '',
    SOURCE_DATE_EPOCH: i.sourceDateEpoch,
    ...(i.cgo ? pick(i.compilers ?? {}, CGO_CROSS_ENV_KEYS) : {}),
  };
}

const pick = (from: Record<string, string>, keys: readonly string[]): Record<string, string> =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));

/** `kube-build-<wsHash8>-<project>-<suffix...>`, valid as a Docker name. */
export function goContainerName(workspaceRoot: string, project: string, ...suffix: string[]): string {
  return sanitizeContainerName(['kube-build', workspaceHash(workspaceRoot), project, ...suffix].join('-'));
}

/** "uid:gid" of this process, so outputs and cache entries belong to the caller. */
export function hostUser(proc: Pick<NodeJS.Process, 'getuid' | 'getgid'> = process): string | undefined {
  if (typeof proc.getuid !== 'function' || typeof proc.getgid !== 'function') return undefined;
  return `${proc.getuid()}:${proc.getgid()}`;
}

/**
 * The Go cache volume when the caller names none: one per uid,
 * `nx-kube-build-gocache-<uid>`. go writes its cache with the caller's umask
 * (dirs 0755) and trusts every entry it reads, so one volume shared by uids
 * would fail the second uid and let each uid plant objects in the other's binaries.
 */
export function defaultCacheVolume(proc: Pick<NodeJS.Process, 'getuid'> = process): string {
  return typeof proc.getuid === 'function' ? `${DEFAULT_CACHE_VOLUME}-${proc.getuid()}` : DEFAULT_CACHE_VOLUME;
}

export interface GoContainerInput {
  name: string;
  image: string;
  cmd: string[];
  /** Host dir of the module (mounted read-only). */
  moduleDir: string;
  /** A volume holding a copy of the module, mounted read-only instead of moduleDir (engines that cannot see this machine). */
  sourceVolume?: string;
  /** Module path from go.mod: the source lands at /go/src/<modulePath>. */
  modulePath: string;
  cacheVolume: string;
  network: string;
  env: Record<string, string>;
  user?: string;
  /** A non-vendored context's filled module-cache volume: mounted read-only, modules resolved from it alone. */
  modCache?: ModCache;
  /** Host dir mounted read-write at /output (builds only). */
  outputDir?: string;
  labels?: Record<string, string>;
}

export function moduleMountPoint(modulePath: string): string {
  return path.posix.join(SOURCE_ROOT, modulePath);
}

/** The container description; docker.containerSpec adds the lock-down. Pure. */
export function goContainerInput(i: GoContainerInput): ContainerInput {
  const workingDir = moduleMountPoint(i.modulePath);
  const mounts: MountSpec[] = [
    i.sourceVolume
      ? { type: 'volume', source: i.sourceVolume, target: workingDir, readOnly: true }
      : { type: 'bind', source: i.moduleDir, target: workingDir, readOnly: true },
  ];
  if (i.outputDir) mounts.push({ type: 'bind', source: i.outputDir, target: OUTPUT_MOUNT, readOnly: false });
  mounts.push({ type: 'volume', source: i.cacheVolume, target: CACHE_MOUNT, readOnly: false });
  if (i.modCache) mounts.push({ type: 'volume', source: i.modCache.volume, target: MODCACHE_MOUNT, readOnly: true });
  return {
    name: i.name,
    image: i.image,
    cmd: i.cmd,
    workingDir,
    user: i.user,
    env: i.modCache ? modCacheEnv(i.env, i.modCache.workspace) : i.env,
    mounts,
    network: i.network,
    labels: i.labels,
  };
}

/** A filled module-cache volume, and whether its context is a go.work (workspace mode takes no -mod=mod). */
export interface ModCache {
  volume: string;
  workspace: boolean;
}

/**
 * The env of a build from a filled module cache: GOMODCACHE in it, modules
 * resolved from go.mod (-mod=mod; go.work's default readonly in a workspace,
 * the only mode Go allows there) with no proxy and no checksum database, so
 * go.sum is checked against the cache alone and nothing needs the network.
 */
export function modCacheEnv(env: Record<string, string>, workspace = false): Record<string, string> {
  return {
    ...env,
    GOFLAGS: [...(workspace ? [] : ['-mod=mod']), ...words(env.GOFLAGS)].join(' '),
    GOMODCACHE: `${MODCACHE_MOUNT}/mod`,
    GOPROXY: 'off',
    GOSUMDB: 'off',
  };
}

/** argv as a copy-pasteable shell line, for logs only (never executed). */
export function displayCommand(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
