import { mkdirSync, rmSync } from 'fs';
import * as path from 'path';
import { listTarGz } from '../../shared/archive/tar.spec-helpers';
import { CLIENT_README, fullTarballEntries, packageFull, SERVER_README } from './full';
import { moduleDir, names } from './layout.spec-helpers';
import type { SharedContent } from './package';
import { tempRelease } from './steps.spec-helpers';

const shared = (over: Partial<SharedContent> = {}): SharedContent => ({
  name: 'k',
  licenses: [{ type: 'file', name: 'k/LICENSES/LICENSE', content: 'L' }],
  src: '/fin/k-src.tar.gz',
  ...over,
});

describe('the full tarball (package_final_tarball)', () => {
  it('holds cluster/, the manifests tarball, hack/lib, docs, README, LICENSES and the version', async () => {
    const m = moduleDir({
      'cluster/get-kube-binaries.sh': '#!/bin/sh\n',
      'cluster/gce/manifests/etcd.manifest': '{}',
      'hack/lib/init.sh': '#!/bin/sh\n',
      'hack/verify-all.sh': '#!/bin/sh\n',
      'docs/a.md': 'a',
      'test/e2e/e2e.go': 'package e2e\n',
      'README.md': '# k\n',
    });
    try {
      const input = { moduleDir: m.dir, gitVersion: 'v1.30.0', readme: path.join(m.dir, 'README.md'), manifests: '/fin/k-manifests.tar.gz' };
      const entries = await fullTarballEntries(input, shared());
      expect(names(entries)).toEqual([
        'directory k/cluster',
        'directory k/cluster/gce',
        'directory k/cluster/gce/manifests',
        'directory k/docs',
        'directory k/hack/lib',
        'file k/LICENSES/LICENSE',
        'file k/README.md',
        'file k/client/README',
        'file k/cluster/gce/manifests/etcd.manifest',
        'file k/cluster/get-kube-binaries.sh',
        'file k/docs/a.md',
        'file k/hack/lib/init.sh',
        'file k/server/README',
        'file k/server/k-manifests.tar.gz',
        'file k/version',
      ]);
      const content = (n: string) => entries.find((e) => e.name === n && 'content' in e) as { content: string } | undefined;
      expect([content('k/client/README')?.content, content('k/server/README')?.content, content('k/version')?.content]).toEqual([
        CLIENT_README,
        SERVER_README,
        'v1.30.0\n',
      ]);
    } finally {
      m.cleanup();
    }
  });

  it('leaves out the two READMEs where there is no cluster/get-kube-binaries.sh for them to point at', async () => {
    const m = moduleDir({ 'go.mod': 'module x\n' });
    try {
      expect(names(await fullTarballEntries({ moduleDir: m.dir, gitVersion: 'v1.0.0' }, shared({ licenses: [] })))).toEqual(['file k/version']);
    } finally {
      m.cleanup();
    }
  });
});

describe('packageFull', () => {
  const content = (name: string) => ({ shared: shared({ name, licenses: [] }) });
  it.each([
    [true, ['kubernetes/', 'kubernetes/README.md', 'kubernetes/version'], []],
    [false, ['kubernetes/', 'kubernetes/version'], ['warn: No mod/README.md; kubernetes.tar.gz holds no README.md.']],
  ])('writes the README when there is one (README: %s)', async (readme, list, logs) => {
    const t = await tempRelease();
    try {
      if (!readme) rmSync(path.join(t.ws, 'mod/README.md'));
      mkdirSync(path.join(t.ws, 'fin'));
      await expect(packageFull(t.start, t.ws, path.join(t.ws, 'fin'), content('kubernetes'), { log: t.log })).resolves.toBe('kubernetes.tar.gz');
      const entries = await listTarGz(path.join(t.ws, 'fin/kubernetes.tar.gz'), { withBodies: true });
      expect(entries.map((e) => e.name)).toEqual(list);
      expect(entries.find((e) => e.name === 'kubernetes/version')?.body?.toString()).toBe('v1.30.0\n');
      expect(t.logs).toEqual(logs);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a readme option that names no file', async () => {
    const t = await tempRelease({ readme: 'mod/NONE.md' });
    try {
      await expect(packageFull(t.start, t.ws, t.ws, content('kubernetes'), { log: t.log })).rejects.toThrow(
        new Error('readme "mod/NONE.md" is not a file; point the option at the README to ship.'),
      );
    } finally {
      t.cleanup();
    }
  });
});
