import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clockLeapsAfter, gaveUpOn, heldByThisProcess } from '../nx/lock.spec-helpers';
import { aptCacheDir, makeRootfs, mmdebstrapArgs } from './debian-rootfs';

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

// A stand-in mmdebstrap on PATH: the real one needs root and the network.
describe('makeRootfs', () => {
  const def = { suite: 'bookworm', mirror: 'http://deb.debian.org/debian', architectures: ['amd64', 'arm64'], packages: ['libnosuch-dev'] };
  let dir: string;
  const saved = { PATH: process.env.PATH, NX_KUBE_BUILD_APT_CACHE: process.env.NX_KUBE_BUILD_APT_CACHE };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-rootfs-'));
    process.env.NX_KUBE_BUILD_APT_CACHE = path.join(dir, 'cache');
  });
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.NX_KUBE_BUILD_APT_CACHE === undefined) delete process.env.NX_KUBE_BUILD_APT_CACHE;
    else process.env.NX_KUBE_BUILD_APT_CACHE = saved.NX_KUBE_BUILD_APT_CACHE;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('says how to install mmdebstrap when it is missing', async () => {
    process.env.PATH = dir;
    await expect(makeRootfs(def, path.join(dir, 'rootfs.tar'), () => undefined)).rejects.toThrow(
      'cgo builds assemble their image with mmdebstrap, which is not installed: apt-get install mmdebstrap (Debian/Ubuntu), or set the image option to a ready image with a C toolchain.',
    );
  });

  it('a failing apt ends with what to check and its own last lines', async () => {
    fs.writeFileSync(path.join(dir, 'mmdebstrap'), '#!/bin/sh\necho "I: running apt-get update..." >&2\necho "E: Unable to locate package libnosuch-dev" >&2\nexit 1\n', { mode: 0o755 });
    process.env.PATH = `${dir}:/usr/bin:/bin`;
    const seen: string[] = [];
    await expect(makeRootfs(def, path.join(dir, 'rootfs.tar'), (t) => seen.push(t))).rejects.toThrow(
      "mmdebstrap could not assemble the cgo image's Debian bookworm (amd64, arm64) from http://deb.debian.org/debian (exit code 1): check that the mirror is reachable and every cgoPackages name exists in bookworm for each architecture. Last output:\nI: running apt-get update...\nE: Unable to locate package libnosuch-dev",
    );
    expect(seen.join('')).toContain('E: Unable to locate package libnosuch-dev');
  });

  it('waits for another mmdebstrap on the apt cache, saying so, and gives up after 30 min naming the lock', async () => {
    const cache = aptCacheDir();
    heldByThisProcess(`${cache}.lock`);
    const undo = clockLeapsAfter(300, 30 * 60_000 + 1);
    const seen: string[] = [];
    try {
      await expect(makeRootfs(def, path.join(dir, 'rootfs.tar'), (t) => seen.push(t))).rejects.toThrow(
        gaveUpOn('30 min', `the apt cache ${cache}`, `${cache}.lock`),
      );
    } finally {
      undo();
    }
    expect(seen).toEqual([`Waiting for pid ${process.pid} to finish with the apt cache ${cache}\n`]);
  });
});
