import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { packageRelease, stagePaths } from './stage';
import { tempRelease, TempRelease } from './steps.spec-helpers';

describe('stagePaths', () => {
  it('stages under the module output, next to release-tars', () => {
    expect(stagePaths('/ws', 'mod')).toEqual({
      stage: '/ws/mod/_output/release-stage',
      finished: '/ws/mod/_output/release-stage/release-tars',
      target: '/ws/mod/_output/release-tars',
    });
    expect(stagePaths('/ws', '').target).toBe('/ws/_output/release-tars');
  });
});

describe('packageRelease', () => {
  let t: TempRelease;
  beforeEach(async () => {
    t = await tempRelease();
  });
  afterEach(() => t.cleanup());
  const out = () => path.join(t.ws, 'mod/_output');

  it('publishes every tarball and its sums files, sized and hashed, and removes the stage', async () => {
    const outcome = await packageRelease(t.start, t.ws, { log: t.log });
    expect(outcome.dir).toBe(path.join(out(), 'release-tars'));
    expect(fs.readdirSync(outcome.dir).sort()).toEqual([
      'SHA256SUMS',
      'SHA512SUMS',
      'kubernetes-client-linux-amd64.tar.gz',
      'kubernetes-client-linux-amd64.tar.gz.sha256',
      'kubernetes-client-linux-amd64.tar.gz.sha512',
      'kubernetes-src.tar.gz',
      'kubernetes-src.tar.gz.sha256',
      'kubernetes-src.tar.gz.sha512',
      'kubernetes.tar.gz',
      'kubernetes.tar.gz.sha256',
      'kubernetes.tar.gz.sha512',
    ]);
    const file = (f: string) => fs.readFileSync(path.join(outcome.dir, f));
    expect(outcome.files.map((f) => f.file).sort()).toEqual(['kubernetes-client-linux-amd64.tar.gz', 'kubernetes-src.tar.gz', 'kubernetes.tar.gz']);
    for (const f of outcome.files) {
      expect([f.size, f.sha256]).toEqual([file(f.file).length, createHash('sha256').update(file(f.file)).digest('hex')]);
    }
    expect(fs.readdirSync(out()).sort()).toEqual(['dockerized', 'release-tars']);
    expect(t.logs).toEqual([
      'info: Source tarball taken from the working tree (not clean).',
      'warn: No LICENSES/ dir, LICENSE file or vendored licence in the module: no tarball holds LICENSES/.',
      'warn: No kubernetes-manifests.tar.gz: the module has none of cluster/gce/manifests, cluster/gce/gci or addon manifests in cluster/addons (package_kube_manifests_tarball).',
      'warn: No kubernetes-test-portable.tar.gz: the module has none of test/images, test/e2e/testing-manifests, test/kubemark, hack/lib or the hack/ e2e scripts (KUBE_TEST_PORTABLE).',
    ]);
  });

  it('writes the manifests and test-portable tarballs of a Kubernetes-shaped module, and names vendored modules without a licence', async () => {
    const put = (rel: string, body: string) => {
      fs.mkdirSync(path.dirname(path.join(t.ws, 'mod', rel)), { recursive: true });
      fs.writeFileSync(path.join(t.ws, 'mod', rel), body);
    };
    put('cluster/gce/manifests/etcd.manifest', '{}');
    put('hack/lib/init.sh', '#!/bin/sh\n');
    put('LICENSE', 'Apache License\n');
    put('vendor/modules.txt', '# example.com/x v1.0.0\nexample.com/x\n');
    put('vendor/example.com/x/x.go', 'package x\n');
    const outcome = await packageRelease(t.start, t.ws, { log: t.log });
    expect(outcome.files.map((f) => f.file).sort()).toEqual([
      'kubernetes-client-linux-amd64.tar.gz',
      'kubernetes-manifests.tar.gz',
      'kubernetes-src.tar.gz',
      'kubernetes-test-portable.tar.gz',
      'kubernetes.tar.gz',
    ]);
    expect(t.logs.filter((l) => l.startsWith('warn: '))).toEqual([
      'warn: Vendored module example.com/x has no LICENSE, COPYING, NOTICE or README saying license or copyright; LICENSES/vendor has none for it.',
    ]);
  });

  it('leaves release-tars as it was and no stage when a step fails', async () => {
    fs.mkdirSync(path.join(out(), 'release-tars'), { recursive: true });
    fs.writeFileSync(path.join(out(), 'release-tars/old.tar.gz'), 'old');
    const start = { ...t.start, s: { ...t.start.s, readme: 'mod/MISSING.md', readmeExplicit: true } };
    await expect(packageRelease(start, t.ws, { log: t.log })).rejects.toThrow(
      new Error('readme "mod/MISSING.md" is not a file; point the option at the README to ship.'),
    );
    expect(fs.readdirSync(path.join(out(), 'release-tars'))).toEqual(['old.tar.gz']);
    expect(fs.readdirSync(out()).sort()).toEqual(['dockerized', 'release-tars']);
  });
});
