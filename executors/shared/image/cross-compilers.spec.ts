import { KNOWN_PLATFORMS, parsePlatform as parseKnown } from '../../../plugin/platforms';
import { CGO_PLATFORMS, hasCgoCompiler } from './cross-compilers';
import { parsePlatform } from '../../../plugin/platforms';
import { cgoCompilerEnv, cgoImageContent, checkCgoPlatform, checkDebianPackageNames } from './cross-compilers';

const ps = (...names: string[]) => names.map(parsePlatform);

describe('cgoImageContent', () => {
  it.each([
    ['the host only: gcc and pkg-config, the packages native', ['linux/amd64'], ['libseccomp-dev'], ['amd64'], ['build-essential', 'libseccomp-dev', 'pkg-config']],
    [
      'arm64 and s390x: their cross compilers and the packages for each architecture',
      ['linux/amd64', 'linux/s390x', 'linux/arm64'],
      ['libseccomp-dev'],
      ['amd64', 'arm64', 's390x'],
      ['build-essential', 'crossbuild-essential-arm64', 'crossbuild-essential-s390x', 'libseccomp-dev', 'libseccomp-dev:arm64', 'libseccomp-dev:s390x', 'pkg-config'],
    ],
    ['arm is armhf, ppc64le is ppc64el', ['linux/arm', 'linux/ppc64le'], [], ['amd64', 'armhf', 'ppc64el'], ['build-essential', 'crossbuild-essential-armhf', 'crossbuild-essential-ppc64el', 'pkg-config']],
    ['windows/amd64: mingw-w64, no foreign architecture', ['windows/amd64'], ['zlib1g-dev'], ['amd64'], ['build-essential', 'g++-mingw-w64-x86-64', 'gcc-mingw-w64-x86-64', 'pkg-config', 'zlib1g-dev']],
  ])('%s', (_what, platforms, packages, architectures, want) => {
    expect(cgoImageContent('amd64', ps(...platforms), packages)).toEqual({ architectures, packages: want });
  });

  it('on an arm64 host, amd64 is the cross target', () => {
    expect(cgoImageContent('arm64', ps('linux/amd64', 'linux/arm64'), ['zlib1g-dev'])).toEqual({
      architectures: ['arm64', 'amd64'],
      packages: ['build-essential', 'crossbuild-essential-amd64', 'pkg-config', 'zlib1g-dev', 'zlib1g-dev:amd64'],
    });
  });
});

describe('cgoCompilerEnv (kube::golang::set_platform_envs)', () => {
  it.each([
    ['linux/amd64', {}],
    ['linux/arm64', { CC: 'aarch64-linux-gnu-gcc', CXX: 'aarch64-linux-gnu-g++', PKG_CONFIG_PATH: '', PKG_CONFIG_LIBDIR: '/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig' }],
    ['linux/arm', { CC: 'arm-linux-gnueabihf-gcc', CXX: 'arm-linux-gnueabihf-g++', PKG_CONFIG_PATH: '', PKG_CONFIG_LIBDIR: '/usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig' }],
    ['linux/ppc64le', { CC: 'powerpc64le-linux-gnu-gcc', CXX: 'powerpc64le-linux-gnu-g++', PKG_CONFIG_PATH: '', PKG_CONFIG_LIBDIR: '/usr/lib/powerpc64le-linux-gnu/pkgconfig:/usr/share/pkgconfig' }],
    ['linux/s390x', { CC: 's390x-linux-gnu-gcc', CXX: 's390x-linux-gnu-g++', PKG_CONFIG_PATH: '', PKG_CONFIG_LIBDIR: '/usr/lib/s390x-linux-gnu/pkgconfig:/usr/share/pkgconfig' }],
    ['windows/amd64', { CC: 'x86_64-w64-mingw32-gcc', CXX: 'x86_64-w64-mingw32-g++' }],
  ])('%s from an amd64 image', (platform, env) => {
    expect(cgoCompilerEnv(parsePlatform(platform), 'amd64')).toEqual(env);
  });

  it('linux/amd64 from an arm64 image is x86_64-linux-gnu-gcc', () => {
    expect(cgoCompilerEnv(parsePlatform('linux/amd64'), 'arm64')).toMatchObject({ CC: 'x86_64-linux-gnu-gcc' });
  });
});

describe('checks', () => {
  it('a cgo platform with no compiler names the binary, the platform and the way out', () => {
    expect(() => checkCgoPlatform(parsePlatform('darwin/arm64'), 'runc')).toThrow(
      'runc is built with cgo for darwin/arm64, but the cgo image has C compilers only for linux/amd64, linux/arm64, linux/arm, linux/ppc64le, linux/s390x, windows/amd64: build it static there (KUBE_STATIC_OVERRIDES="runc", or leave it out of the cgo option), drop darwin/arm64 from its group\'s platforms, or set the image option to an image with that compiler.',
    );
    expect(() => checkCgoPlatform(parsePlatform('linux/s390x'), 'runc')).not.toThrow();
  });

  it('cgoPackages must be Debian package names', () => {
    expect(() => checkDebianPackageNames(['libseccomp-dev', 'g++-mingw-w64', 'libc6.1-dev'])).not.toThrow();
    expect(() => checkDebianPackageNames(['libseccomp-dev:arm64'])).toThrow('cgoPackages entry "libseccomp-dev:arm64" is not a Debian package name');
    expect(() => checkDebianPackageNames(['libseccomp-dev; rm -rf /'])).toThrow('cgoPackages entry "libseccomp-dev; rm -rf /"');
  });
});

describe('CGO_PLATFORMS', () => {
  it('is exactly the platforms the compiler table serves, among every Go platform', () => {
    const served = KNOWN_PLATFORMS.filter((p) => hasCgoCompiler(parseKnown(p)));
    expect([...served].sort()).toEqual([...CGO_PLATFORMS].sort());
  });
});
