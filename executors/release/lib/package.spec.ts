import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { binaryTarballEntries, checkBinariesExist, mainTarballEntries } from './package';
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

describe('mainTarballEntries', () => {
  it('holds the version, newline-terminated, and the README', () => {
    expect(mainTarballEntries('kubernetes', 'v1.30.0', '/w/README.md')).toEqual([
      { type: 'file', name: 'kubernetes/version', content: 'v1.30.0\n' },
      { type: 'file', name: 'kubernetes/README.md', source: '/w/README.md', executable: false },
    ]);
    expect(mainTarballEntries('k', 'v1.0.0')).toEqual([{ type: 'file', name: 'k/version', content: 'v1.0.0\n' }]);
  });
});
