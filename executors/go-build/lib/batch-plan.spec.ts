import * as fs from 'fs';
import * as path from 'path';
import { batchArgs, batchContainer, planBatch, producedPath } from './batch-plan';
import type { BatchMember } from './group';
import { normalizeBuildOptions } from './options';
import { planBuild } from './plan';
import { tempModule } from './steps.spec-helpers';

const version = { buildDate: '2024-01-02T03:04:05Z', epoch: 1704164645, gitVersion: 'v1.2.3', gitCommit: 'abc', gitTreeState: 'clean' };
const owner = { host: 'ci-1', pid: 4242, start: '777' };

describe('planBatch and batchContainer', () => {
  const mod = tempModule();
  fs.mkdirSync(path.join(mod.ws, 'mod/cmd/kubectl'));
  fs.writeFileSync(path.join(mod.ws, 'mod/cmd/kubectl/main.go'), 'package main\n');
  afterAll(() => mod.cleanup());
  const member = (main: string, binaryName?: string): BatchMember => {
    const o = normalizeBuildOptions({ moduleRoot: 'mod', main, binaryName, platform: 'windows/amd64', cacheVolume: 'gocache', versionPackages: ['k8s.io/component-base/version'] }, mod.ws);
    const plan = planBuild(o, { version, hostEnv: {}, project: o.binaryName, target: 'build', nonce: 'n', owner, user: '1000:1000' });
    return { taskId: `${o.binaryName}:build:windows-amd64`, o, plan };
  };
  const batch = () => planBatch([member('./cmd/kubelet'), member('./cmd/kubectl', 'kctl')], { nonce: 'b4tch', owner, target: 'build' });

  it('names the container for the batch, labels it with every task, and writes into a scratch dir under _output/', () => {
    const b = batch();
    expect(b.what).toBe('go build of 2 binaries for windows/amd64');
    expect(b.scratchDir).toBe(path.join(mod.ws, 'mod/_output/.batch.b4tch.tmp'));
    expect(b.members.map((m) => m.produced)).toEqual(['kubelet.exe', 'kubectl.exe']);
    expect(producedPath(b, b.members[1])).toBe(path.join(b.scratchDir, 'kubectl.exe'));
    expect(b.container).toEqual({
      name: expect.stringMatching(/^kube-build-[0-9a-f]{8}-batch-windows-amd64-b4tch$/),
      user: '1000:1000',
      labels: {
        'io.nx-kube-build.workspace': mod.ws,
        'io.nx-kube-build.project': 'batch',
        'io.nx-kube-build.target': 'build',
        'io.nx-kube-build.platform': 'windows/amd64',
        'io.nx-kube-build.tasks': 'kubelet:build:windows-amd64,kctl:build:windows-amd64',
        'io.nx-kube-build.owner.host': 'ci-1',
        'io.nx-kube-build.owner.pid': '4242',
        'io.nx-kube-build.owner.start': '777',
      },
    });
  });

  it('runs one go build -o <dir>/ with the shared flags and every main last, as a single build would pass them', () => {
    const b = batch();
    const single = member('./cmd/kubelet');
    const args = batchArgs(b, '/output');
    expect(args.slice(0, 3)).toEqual(['build', '-o', '/output/']);
    expect(args.slice(-2)).toEqual(['./cmd/kubelet', './cmd/kubectl']);
    expect(args.slice(3, -2)).toEqual(batchArgs({ ...b, members: [b.members[0]] }, '/x').slice(3, -1));
    expect(args.join(' ')).toContain(single.plan.flags.stamps[0]);
  });

  it('mounts the scratch dir at /output; with sources in a volume writes to /tmp and copies each binary out', () => {
    const b = batch();
    const mounted = batchContainer(b, 'kube-build:t', { kind: 'mount' });
    expect(mounted.spec.mounts).toContainEqual({ type: 'bind', source: b.scratchDir, target: '/output', readOnly: false });
    expect(mounted.copyOut).toBeUndefined();
    const copied = batchContainer(b, 'kube-build:t', { kind: 'volume', volume: 'kube-build-src-x' });
    expect(copied.spec.cmd.slice(0, 4)).toEqual(['go', 'build', '-o', '/tmp/']);
    expect(copied.spec.mounts.some((m) => m.target === '/output')).toBe(false);
    expect(copied.copyOut).toEqual([
      { from: '/tmp/kubelet.exe', to: path.join(b.scratchDir, 'kubelet.exe') },
      { from: '/tmp/kubectl.exe', to: path.join(b.scratchDir, 'kubectl.exe') },
    ]);
    expect(copied.display).toContain('sources from volume kube-build-src-x');
  });
});
