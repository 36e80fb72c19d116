import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { besideBinaries, binaryTarballEntries, checkBinariesExist, SharedContent, writeBinaryTarballs } from './package';
import type { PlannedTarball } from './plan';

const tarball: PlannedTarball = {
  file: 'kubernetes-node-linux-amd64.tar.gz',
  kind: 'node',
  platform: { os: 'linux', arch: 'amd64' },
  binaries: [
    {
      project: 'kubelet',
      name: 'kubelet',
      source: 'workspace/_output/dockerized/bin/linux/amd64/kubelet',
      entry: 'kubernetes/node/bin/kubelet',
    },
  ],
  images: [],
};

const server: PlannedTarball = {
  file: 'kubernetes-server-linux-arm64.tar.gz',
  kind: 'server',
  platform: { os: 'linux', arch: 'arm64' },
  binaries: [
    {
      project: 'kube-proxy',
      name: 'kube-proxy',
      source: 'workspace/_output/dockerized/bin/linux/arm64/kube-proxy',
      entry: 'kubernetes/server/bin/kube-proxy',
    },
  ],
  images: [
    {
      project: 'kube-proxy',
      source: 'workspace/_output/release-images/arm64/kube-proxy.docker_tag',
      entry: 'kubernetes/server/bin/kube-proxy.docker_tag',
    },
    { project: 'kube-proxy', source: 'workspace/_output/release-images/arm64/kube-proxy.tar', entry: 'kubernetes/server/bin/kube-proxy.tar' },
  ],
};

describe('binary tarballs', () => {
  it('ships each binary executable from the workspace', () => {
    expect(binaryTarballEntries(tarball, '/w')).toEqual([
      {
        type: 'file',
        name: 'kubernetes/node/bin/kubelet',
        source: path.join('/w', 'workspace/_output/dockerized/bin/linux/amd64/kubelet'),
        executable: true,
      },
    ]);
  });

  it('names the project and path of a binary the build did not leave', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    try {
      await expect(checkBinariesExist([tarball], root)).rejects.toThrow(
        new Error('kubelet was built but workspace/_output/dockerized/bin/linux/amd64/kubelet does not exist; its build target must write the binary there.'),
      );
      mkdirSync(path.join(root, 'workspace/_output/dockerized/bin/linux/amd64'), { recursive: true });
      writeFileSync(path.join(root, tarball.binaries[0].source), 'ELF');
      await expect(checkBinariesExist([tarball], root)).resolves.toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('what release.sh puts beside the binaries', () => {
  const shared: SharedContent = {
    name: 'k',
    licenses: [{ type: 'file', name: 'k/LICENSES/LICENSE', content: 'L' }],
    src: '/fin/k-src.tar.gz',
  };
  const src = { type: 'file', name: 'k/k-src.tar.gz', source: '/fin/k-src.tar.gz', executable: false };

  it.each([
    ['server', [{ type: 'directory', name: 'k/addons' }, shared.licenses[0], src]],
    ['node', [shared.licenses[0], src]],
    ['client', []],
    ['test', []],
    ['default', []],
  ])('%s tarballs: package_<kind>_tarballs\' extras', (kind, entries) => {
    expect(besideBinaries(kind, shared)).toEqual(entries);
  });
});

describe('server tarballs with images', () => {
  it('ship the image archive and tag file next to the binary, not executable', () => {
    expect(binaryTarballEntries(server, '/w')).toEqual([
      {
        type: 'file',
        name: 'kubernetes/server/bin/kube-proxy',
        source: path.join('/w', 'workspace/_output/dockerized/bin/linux/arm64/kube-proxy'),
        executable: true,
      },
      {
        type: 'file',
        name: 'kubernetes/server/bin/kube-proxy.docker_tag',
        source: path.join('/w', 'workspace/_output/release-images/arm64/kube-proxy.docker_tag'),
        executable: false,
      },
      {
        type: 'file',
        name: 'kubernetes/server/bin/kube-proxy.tar',
        source: path.join('/w', 'workspace/_output/release-images/arm64/kube-proxy.tar'),
        executable: false,
      },
    ]);
  });

  it('name the project and path of an image file the image target did not leave', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    try {
      mkdirSync(path.join(root, 'workspace/_output/dockerized/bin/linux/arm64'), { recursive: true });
      writeFileSync(path.join(root, server.binaries[0].source), 'ELF');
      await expect(checkBinariesExist([server], root)).rejects.toThrow(
        new Error(
          'The image of kube-proxy was built but workspace/_output/release-images/arm64/kube-proxy.docker_tag does not exist; its image target must write it there.',
        ),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// Golden digests, computed once and written here: a change to any byte of a
// release tarball for fixed inputs (an mtime, a mode, an owner, the entry
// order, the gzip header, the tar-stream version) fails this, as it would
// change every published checksum.
// Changed with issue 17: server tarballs now hold addons/, LICENSES/ and the src tarball, as release.sh's do.
describe('a server tarball from fixed inputs', () => {
  it('has this sha256, and its tar this one', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pkg-golden-'));
    try {
      const files: [string, string][] = [
        [server.binaries[0].source, '\x7fELF kube-proxy\n'],
        [server.images[0].source, 'v1.31.0-alpha.0\n'],
        [server.images[1].source, 'docker-archive bytes\n'],
        ['kubernetes-src.tar.gz', 'src tarball bytes\n'],
      ];
      for (const [rel, body] of files) {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), body, { mode: 0o600 });
      }
      const shared: SharedContent = {
        name: 'kubernetes',
        licenses: [{ type: 'file', name: 'kubernetes/LICENSES/LICENSE', content: 'Apache License\n' }],
        src: path.join(root, 'kubernetes-src.tar.gz'),
      };
      expect(await writeBinaryTarballs([server], root, root, shared, { mtime: 1714564800 })).toEqual([server.file]);
      const gz = readFileSync(path.join(root, server.file));
      expect(createHash('sha256').update(gunzipSync(gz)).digest('hex')).toBe('6dbf322468e2e2b4958adddfe37b0f48557245c9a0e95184b7f430b22496b201');
      expect(createHash('sha256').update(gz).digest('hex')).toBe('9fdea56abd3c89b87982cb6689532deaa641b5583e54419df46c4a17c3e3dbb0');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
