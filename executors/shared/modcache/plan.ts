/**
 * The module cache of a non-vendored context, decided before anything runs:
 * the volume named by the content of what `go mod download` reads, the
 * download container, and what a failure says. Pure.
 */
import * as crypto from 'crypto';
import { goContainerInput } from '../container/go-container';
import type { ContainerInput, MountSpec } from '../container/spec';

export const MODCACHE_VOLUME_PREFIX = 'nx-kube-build-gomod-';
/** Written into the volume's root after `go mod download` succeeded, and only then. */
export const COMPLETE_MARKER = '.nx-kube-build-complete';
/**
 * Where the download mounts the volume: /tmp, mode 1777 in the kube-build image and in golang:<version> alike, which
 * the engine copies onto a fresh volume's root, so the caller's uid may write there in either image.
 */
export const DOWNLOAD_MOUNT = '/tmp';

/** The host variables the download gets, each only when set: where modules come from and how they are checked. */
export const DOWNLOAD_ENV_KEYS = ['GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GONOSUMCHECK', 'GOSUMDB', 'GOINSECURE', 'GOFLAGS'] as const;

/** `nx-kube-build-gomod-<hash>` of the files' module-relative names and contents (undefined: absent). */
export function modCacheVolumeName(files: { name: string; content?: Buffer | string }[]): string {
  const hash = crypto.createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`${f.name}\0`);
    hash.update(f.content === undefined ? '\0absent\0' : f.content);
    hash.update('\0');
  }
  return `${MODCACHE_VOLUME_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

/** Host dirs of the `file://` entries of GOPROXY (`,` or `|` separated), which the container needs at the same path. */
export function fileProxyDirs(goproxy: string | undefined): string[] {
  return (goproxy ?? '')
    .split(/[,|]/)
    .map((e) => e.trim())
    .filter((e) => e.startsWith('file://'))
    .map((e) => decodeURIComponent(e.slice('file://'.length)).replace(/\/+$/, '') || '/');
}

/** The download container's env: GOMODCACHE in the volume, no toolchain download, the DOWNLOAD_ENV_KEYS that are set. */
export function downloadEnv(hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {
    GOMODCACHE: `${DOWNLOAD_MOUNT}/mod`,
    GOCACHE: `${DOWNLOAD_MOUNT}/.cache/go-build`,
    GOTOOLCHAIN: 'local',
  };
  for (const k of DOWNLOAD_ENV_KEYS) if (hostEnv[k] !== undefined && hostEnv[k] !== '') env[k] = hostEnv[k] as string;
  return env;
}

export interface DownloadInput {
  name: string;
  image: string;
  volume: string;
  moduleDir: string;
  modulePath: string;
  sourceVolume?: string;
  network: string;
  hostEnv: NodeJS.ProcessEnv;
  user?: string;
  labels?: Record<string, string>;
}

/** `go mod download` with the volume at DOWNLOAD_MOUNT, the module read-only, and each file:// proxy dir read-only. */
export function downloadContainer(i: DownloadInput): ContainerInput {
  const spec = goContainerInput({
    name: i.name,
    image: i.image,
    cmd: ['go', 'mod', 'download'],
    moduleDir: i.moduleDir,
    sourceVolume: i.sourceVolume,
    modulePath: i.modulePath,
    cacheVolume: i.volume,
    network: i.network,
    env: downloadEnv(i.hostEnv),
    user: i.user,
    labels: i.labels,
  });
  const proxies: MountSpec[] = fileProxyDirs(i.hostEnv.GOPROXY).map((d) => ({ type: 'bind', source: d, target: d, readOnly: true }));
  const mounts = spec.mounts.map((m) => (m.type === 'volume' && m.source === i.volume ? { ...m, target: DOWNLOAD_MOUNT } : m));
  return { ...spec, mounts: [...mounts, ...proxies] };
}

/** Go's own lines naming what failed (`go: example.com/m@v1.2.3: ...`), else the tail of its stderr. */
export function goErrorLines(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const said = lines.filter((l) => /^go: /.test(l) && !/^go: downloading /.test(l));
  return (said.length > 0 ? said : lines).slice(-3).join('; ') || 'go printed nothing';
}

/** One sentence: where, with which proxy, Go's words, what to do. */
export function downloadFailure(where: string, code: number, stderr: string, hostEnv: NodeJS.ProcessEnv): string {
  const proxy = hostEnv.GOPROXY ? `GOPROXY=${hostEnv.GOPROXY}` : "GOPROXY unset (Go's default https://proxy.golang.org,direct)";
  return `go mod download in ${where} failed (exit ${code}) with ${proxy}: ${goErrorLines(stderr)}: fix that requirement in go.mod, or set GOPROXY (and GONOSUMDB/GOPRIVATE for private modules) to a proxy that serves it.`;
}
