/**
 * One platform type and one parser: `linux/amd64` in options and env,
 * `linux-amd64` as a configuration name, `<os>/<arch>` in output paths.
 */
export interface Platform {
  os: string;
  arch: string;
}

/** GOOS/GOARCH pairs Go can build without cgo (`go tool dist list`, trimmed to what release tooling meets). */
export const KNOWN_PLATFORMS: readonly string[] = [
  'aix/ppc64',
  'android/arm64',
  'darwin/amd64',
  'darwin/arm64',
  'dragonfly/amd64',
  'freebsd/386',
  'freebsd/amd64',
  'freebsd/arm',
  'freebsd/arm64',
  'freebsd/riscv64',
  'illumos/amd64',
  'js/wasm',
  'linux/386',
  'linux/amd64',
  'linux/arm',
  'linux/arm64',
  'linux/loong64',
  'linux/mips',
  'linux/mips64',
  'linux/mips64le',
  'linux/mipsle',
  'linux/ppc64',
  'linux/ppc64le',
  'linux/riscv64',
  'linux/s390x',
  'netbsd/386',
  'netbsd/amd64',
  'netbsd/arm',
  'netbsd/arm64',
  'openbsd/386',
  'openbsd/amd64',
  'openbsd/arm',
  'openbsd/arm64',
  'plan9/386',
  'plan9/amd64',
  'solaris/amd64',
  'wasip1/wasm',
  'windows/386',
  'windows/amd64',
  'windows/arm',
  'windows/arm64',
];

const known = new Set(KNOWN_PLATFORMS);

/** Parses `linux/amd64` (or `linux-amd64`); throws with the valid forms when it is not a Go platform. */
export function parsePlatform(text: string): Platform {
  const m = /^([a-z0-9]+)[/-]([a-z0-9]+)$/.exec(text.trim());
  if (!m || !known.has(`${m[1]}/${m[2]}`)) {
    throw new Error(
      `"${text}" is not a Go platform: write it as <os>/<arch>, one of ${KNOWN_PLATFORMS.join(', ')}.`,
    );
  }
  return { os: m[1], arch: m[2] };
}

export const platformString = (p: Platform): string => `${p.os}/${p.arch}`;
export const configurationName = (p: Platform): string => `${p.os}-${p.arch}`;
export const exeSuffix = (p: Platform): string => (p.os === 'windows' ? '.exe' : '');

/** Go's names for the platform this process runs on. */
export function hostPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Platform {
  const os = platform === 'win32' ? 'windows' : platform === 'sunos' ? 'solaris' : platform;
  const goArch: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm',
    s390x: 's390x',
    ppc64: 'ppc64le',
    riscv64: 'riscv64',
    loong64: 'loong64',
  };
  return { os, arch: goArch[arch] ?? arch };
}

/** Parses a space- or comma-separated list, keeping order and dropping repeats. */
export function parsePlatformList(text: string): Platform[] {
  return uniquePlatforms(
    text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(parsePlatform),
  );
}

export function uniquePlatforms(list: Platform[]): Platform[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = platformString(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Architectures golang.sh's KUBE_FASTBUILD keeps as they are; any other host builds amd64. */
const FASTBUILD_ARCHES = ['amd64', 'arm64', 'ppc64le', 's390x'];

/**
 * KUBE_FASTBUILD's platforms, as golang.sh sets them: linux on the host's
 * architecture (amd64 for one it does not list), plus darwin/amd64 and
 * darwin/arm64 on a darwin host, which only client and test binaries have.
 */
export function fastBuildPlatforms(host: Platform): Platform[] {
  const arch = FASTBUILD_ARCHES.includes(host.arch) ? host.arch : 'amd64';
  const darwin: Platform[] = host.os === 'darwin' ? [{ os: 'darwin', arch: 'amd64' }, { os: 'darwin', arch: 'arm64' }] : [];
  return [...darwin, { os: 'linux', arch }];
}

/**
 * Narrows a platform list as hack/lib/golang.sh does: KUBE_FASTBUILD=true keeps
 * fastBuildPlatforms; KUBE_BUILD_PLATFORMS keeps the intersection. Unlike
 * golang.sh, a list narrowed to nothing is an error, never a silent drop.
 */
export function narrowPlatforms(
  platforms: Platform[],
  env: NodeJS.ProcessEnv,
  host: Platform = hostPlatform(),
  what = 'the build',
): Platform[] {
  let wanted: Platform[] | undefined;
  let source = '';
  // golang.sh: an explicit KUBE_BUILD_PLATFORMS wins over KUBE_FASTBUILD.
  if (env.KUBE_BUILD_PLATFORMS && env.KUBE_BUILD_PLATFORMS.trim()) {
    source = `KUBE_BUILD_PLATFORMS="${env.KUBE_BUILD_PLATFORMS.trim()}"`;
    try {
      wanted = parsePlatformList(env.KUBE_BUILD_PLATFORMS);
    } catch (e) {
      throw new Error(`${source}: ${(e as Error).message}`);
    }
  } else if (env.KUBE_FASTBUILD === 'true') {
    wanted = fastBuildPlatforms(host);
    source = `KUBE_FASTBUILD=true (${wanted.map(platformString).join(', ')} on a ${platformString(host)} host)`;
  }
  if (!wanted) return platforms;
  const keep = new Set(wanted.map(platformString));
  const out = platforms.filter((p) => keep.has(platformString(p)));
  if (out.length === 0) {
    throw new Error(
      `${source} leaves no platform for ${what}: it supports ${platforms.map(platformString).join(', ')}.`,
    );
  }
  return out;
}
