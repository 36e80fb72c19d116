/**
 * The C compilers of the cgo image, as kube-cross ships them and
 * hack/lib/golang.sh's kube::golang::set_platform_envs names them: which
 * Debian packages give a platform its compiler, and the CC/CXX (and
 * pkg-config dirs) a cgo build for that platform uses. Pure.
 */
import { Platform, platformString } from '../../../plugin/platforms';
import { CGO_PLATFORMS } from '../../../plugin/vocabulary/cgo';

interface CrossCompiler {
  /** Debian architecture of the target's libraries (`dpkg --print-architecture`). */
  debianArch?: string;
  /** GNU triplet: the compiler prefix and the multiarch library dir. */
  triplet: string;
  /** Packages that install the cross compiler (none for the image's own architecture). */
  packages: string[];
}

const LINUX: Record<string, CrossCompiler> = {
  amd64: { debianArch: 'amd64', triplet: 'x86_64-linux-gnu', packages: ['crossbuild-essential-amd64'] },
  arm64: { debianArch: 'arm64', triplet: 'aarch64-linux-gnu', packages: ['crossbuild-essential-arm64'] },
  arm: { debianArch: 'armhf', triplet: 'arm-linux-gnueabihf', packages: ['crossbuild-essential-armhf'] },
  ppc64le: { debianArch: 'ppc64el', triplet: 'powerpc64le-linux-gnu', packages: ['crossbuild-essential-ppc64el'] },
  s390x: { debianArch: 's390x', triplet: 's390x-linux-gnu', packages: ['crossbuild-essential-s390x'] },
};

/** mingw-w64: C only, Debian ships no Windows builds of the libraries cgoPackages name. */
const WINDOWS_AMD64: CrossCompiler = {
  triplet: 'x86_64-w64-mingw32',
  packages: ['gcc-mingw-w64-x86-64', 'g++-mingw-w64-x86-64'],
};

/** The platforms a cgo build can target (the plugin drops the others from cgo binaries); a spec holds the table to it. */
export { CGO_PLATFORMS };

function compilerOf(p: Platform): CrossCompiler | undefined {
  if (p.os === 'linux') return LINUX[p.arch];
  if (p.os === 'windows' && p.arch === 'amd64') return WINDOWS_AMD64;
  return undefined;
}

export const hasCgoCompiler = (p: Platform): boolean => compilerOf(p) !== undefined;

/** Throws, naming the platform, the binary and the way out, when the cgo image has no C compiler for it. */
export function checkCgoPlatform(p: Platform, binary: string): void {
  if (compilerOf(p)) return;
  throw new Error(
    `${binary} is built with cgo for ${platformString(p)}, but the cgo image has C compilers only for ${CGO_PLATFORMS.join(', ')}: build it static there (KUBE_STATIC_OVERRIDES="${binary}", or leave it out of the cgo option), drop ${platformString(p)} from its group's platforms, or set the image option to an image with that compiler.`,
  );
}

/** Debian architecture of the image itself, from the Go architecture of the toolchain it holds. */
export function nativeDebianArch(goArch: string): string {
  const c = LINUX[goArch];
  if (!c?.debianArch) {
    throw new Error(`The cgo image is Debian for the host's architecture, but Go architecture ${goArch} has no Debian port nx-kube-build knows (${Object.keys(LINUX).join(', ')}).`);
  }
  return c.debianArch;
}

export interface CgoImageContent {
  /** Debian architectures, the image's own first. */
  architectures: string[];
  /** Packages to install, sorted. */
  packages: string[];
}

/**
 * What the cgo image holds for cgo builds of `platforms` on `nativeArch` (a
 * Go arch): the native C toolchain and pkg-config, a cross compiler for each
 * other platform, and each of `cgoPackages` for every Linux architecture.
 */
export function cgoImageContent(nativeArch: string, platforms: Platform[], cgoPackages: string[]): CgoImageContent {
  const native = nativeDebianArch(nativeArch);
  const archs = new Set<string>([native]);
  const packages = new Set<string>(['build-essential', 'pkg-config']);
  for (const p of platforms) {
    const c = compilerOf(p);
    if (!c) throw new Error(`No C compiler for ${platformString(p)} in the cgo image (it has ${CGO_PLATFORMS.join(', ')}).`);
    const nativeTarget = p.os === 'linux' && c.debianArch === native;
    if (!nativeTarget) c.packages.forEach((x) => packages.add(x));
    if (c.debianArch) archs.add(c.debianArch);
  }
  for (const arch of archs) {
    for (const pkg of cgoPackages) packages.add(arch === native ? pkg : `${pkg}:${arch}`);
  }
  return { architectures: [native, ...[...archs].filter((a) => a !== native).sort()], packages: [...packages].sort() };
}

/**
 * CC and CXX of a cgo build for `target` in an image whose native Go arch is
 * `nativeArch`: none natively (gcc), the triplet's compilers otherwise, with
 * pkg-config looking only at the target's multiarch dir.
 */
export function cgoCompilerEnv(target: Platform, nativeArch: string): Record<string, string> {
  const c = compilerOf(target);
  if (!c || (target.os === 'linux' && target.arch === nativeArch)) return {};
  const env: Record<string, string> = { CC: `${c.triplet}-gcc`, CXX: `${c.triplet}-g++` };
  if (target.os === 'linux') {
    env.PKG_CONFIG_PATH = '';
    env.PKG_CONFIG_LIBDIR = `/usr/lib/${c.triplet}/pkgconfig:/usr/share/pkgconfig`;
  }
  return env;
}

/** Debian package names (Debian policy 5.6.1), optionally `:arch`-qualified. */
export function checkDebianPackageNames(names: string[]): void {
  for (const n of names) {
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(n)) {
      throw new Error(
        `cgoPackages entry "${n}" is not a Debian package name: give names such as "libseccomp-dev" (lower case, no architecture: each is installed for every architecture the cgo builds need).`,
      );
    }
  }
}
