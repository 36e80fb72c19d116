import { aptCacheDir, mmdebstrapArgs } from './debian-rootfs';

describe('mmdebstrapArgs', () => {
  it('installs the packages for every architecture, keeps .debs in the cache dir, writes the tarball', () => {
    const def = { suite: 'bookworm', mirror: 'http://deb.debian.org/debian', architectures: ['amd64', 'arm64'], packages: ['build-essential', 'zlib1g-dev:arm64'] };
    expect(mmdebstrapArgs(def, '/tmp/x/rootfs.tar', "/c/it's")).toEqual([
      '--variant=minbase',
      '--architectures=amd64,arm64',
      '--include=build-essential,zlib1g-dev:arm64',
      '--dpkgopt=path-exclude=/usr/share/doc/*',
      '--dpkgopt=path-exclude=/usr/share/man/*',
      '--dpkgopt=path-exclude=/usr/share/info/*',
      '--dpkgopt=path-exclude=/usr/share/locale/*',
      '--skip=download/empty',
      '--skip=essential/unlink',
      '--setup-hook=mkdir -p "$1"/var/cache/apt/archives/',
      "--setup-hook=sync-in '/c/it'\\''s/' /var/cache/apt/archives/",
      "--customize-hook=sync-out /var/cache/apt/archives/ '/c/it'\\''s/'",
      'bookworm',
      '/tmp/x/rootfs.tar',
      'http://deb.debian.org/debian',
    ]);
  });
});

describe('aptCacheDir', () => {
  it('NX_KUBE_BUILD_APT_CACHE, else XDG_CACHE_HOME, else ~/.cache', () => {
    expect(aptCacheDir({ NX_KUBE_BUILD_APT_CACHE: '/srv/debs', XDG_CACHE_HOME: '/x' })).toBe('/srv/debs');
    expect(aptCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/nx-kube-build/apt');
    expect(aptCacheDir({})).toMatch(/\/\.cache\/nx-kube-build\/apt$/);
  });
});
