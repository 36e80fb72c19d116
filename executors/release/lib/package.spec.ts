import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { listTarGz } from '../../shared/archive/tar.spec-helpers';
import { gunzipSync } from 'zlib';
import { binaryTarballEntries, checkBinariesExist, mainTarballEntries, packageMain, writeBinaryTarballs } from './package';
import type { PlannedTarball } from './plan';
import { tempRelease } from './steps.spec-helpers';

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
describe('a server tarball from fixed inputs', () => {
  it('has this sha256, and its tar this one', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pkg-golden-'));
    try {
      const files: [string, string][] = [
        [server.binaries[0].source, '\x7fELF kube-proxy\n'],
        [server.images[0].source, 'v1.31.0-alpha.0\n'],
        [server.images[1].source, 'docker-archive bytes\n'],
      ];
      for (const [rel, body] of files) {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), body, { mode: 0o600 });
      }
      expect(await writeBinaryTarballs([server], root, root, 1714564800)).toEqual([server.file]);
      const gz = readFileSync(path.join(root, server.file));
      expect(createHash('sha256').update(gunzipSync(gz)).digest('hex')).toBe('e9a328d67868e7f55fef459fe564481c8b95dcee58446a6bab9fba75337a5d9e');
      expect(createHash('sha256').update(gz).digest('hex')).toBe('1bfbef92b88030623e9a722d7640635c1ee00a5a073504e2b702c16c6200145d');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('mainTarballEntries', () => {
  it('holds the version, newline-terminated, and the README', () => {
    expect(mainTarballEntries('kubernetes', 'v1.30.0', '/w/README.md')).toEqual([
      { type: 'file', name: 'kubernetes/version', content: 'v1.30.0\n' },
      { type: 'file', name: 'kubernetes/README.md', source: '/w/README.md', executable: false },
    ]);
    expect(mainTarballEntries('k', 'v1.0.0')).toEqual([{ type: 'file', name: 'k/version', content: 'v1.0.0\n' }]);
  });
});

describe('packageMain', () => {
  it.each([
    [true, ['kubernetes/', 'kubernetes/README.md', 'kubernetes/version'], []],
    [false, ['kubernetes/', 'kubernetes/version'], ['warn: No mod/README.md; kubernetes.tar.gz holds only the version file.']],
  ])('writes the version file and the README when there is one (README: %s)', async (readme, names, logs) => {
    const t = await tempRelease();
    try {
      if (!readme) rmSync(path.join(t.ws, 'mod/README.md'));
      mkdirSync(path.join(t.ws, 'fin'));
      await expect(packageMain(t.start, t.ws, path.join(t.ws, 'fin'), { log: t.log })).resolves.toBe('kubernetes.tar.gz');
      const entries = await listTarGz(path.join(t.ws, 'fin/kubernetes.tar.gz'), { withBodies: true });
      expect(entries.map((e) => e.name)).toEqual(names);
      expect(entries.find((e) => e.name === 'kubernetes/version')?.body?.toString()).toBe('v1.30.0\n');
      expect(t.logs).toEqual(logs);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a readme option that names no file', async () => {
    const t = await tempRelease({ readme: 'mod/NONE.md' });
    try {
      await expect(packageMain(t.start, t.ws, t.ws, { log: t.log })).rejects.toThrow(
        new Error('readme "mod/NONE.md" is not a file; point the option at the README to ship.'),
      );
    } finally {
      t.cleanup();
    }
  });
});
