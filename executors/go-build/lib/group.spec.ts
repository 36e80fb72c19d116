import * as fs from 'fs';
import * as path from 'path';
import { parsePlatform } from '../../../plugin/platforms';
import type { GoBuildExecutorOptions } from '../types';
import { BatchMember, goExecName, groupKey, groupMembers, mainImportPath } from './group';
import { normalizeBuildOptions } from './options';
import { planBuild } from './plan';
import { tempModule } from './steps.spec-helpers';

const version = { buildDate: '2024-01-02T03:04:05Z', epoch: 1704164645, gitVersion: 'v1.2.3', gitCommit: 'abc', gitTreeState: 'clean' };

describe('grouping the builds of a batch', () => {
  const mod = tempModule();
  for (const dir of ['cmd/kubectl', 'cmd/kubeadm', 'staging/kubelet', 'tools/etcd/v3']) {
    fs.mkdirSync(path.join(mod.ws, 'mod', dir), { recursive: true });
    fs.writeFileSync(path.join(mod.ws, 'mod', dir, 'main.go'), 'package main\n');
  }
  afterAll(() => mod.cleanup());
  const member = (main: string, extra: Partial<GoBuildExecutorOptions> = {}): BatchMember => {
    const o = normalizeBuildOptions({ moduleRoot: 'mod', main, platform: 'linux/amd64', cacheVolume: 'gocache', ...extra }, mod.ws);
    const plan = planBuild(o, { version, hostEnv: {}, project: o.binaryName, target: 'build', nonce: main.replace(/\W/g, ''), owner: { host: 'h', pid: 1, start: '1' } });
    return { taskId: `${o.binaryName}:build:linux-amd64`, o, plan };
  };
  const ids = (groups: BatchMember[][]) => groups.map((g) => g.map((m) => m.o.main));

  it.each([
    ['./cmd/kubelet', 'k8s.io/kubernetes/cmd/kubelet'],
    ['./cmd/kubelet/', 'k8s.io/kubernetes/cmd/kubelet'],
    ['.', 'k8s.io/kubernetes'],
    ['k8s.io/kube-aggregator', 'k8s.io/kube-aggregator'],
    ['../other/cmd/x', undefined],
  ])('main %s has import path %s', (main, expected) => {
    expect(mainImportPath({ main, modulePath: 'k8s.io/kubernetes' })).toBe(expected);
  });

  it.each([
    ['k8s.io/kubernetes/cmd/kubelet', 'linux/amd64', 'kubelet'],
    ['k8s.io/kubernetes/cmd/kubelet', 'windows/amd64', 'kubelet.exe'],
    ['go.etcd.io/etcd/server/v3', 'linux/amd64', 'server'],
    ['example.com/v2', 'linux/amd64', 'example.com'],
  ])('go build -o dir/ writes %s for %s as %s (as Go 1.19 names them)', (importPath, platform, expected) => {
    expect(goExecName(importPath, { platform: parsePlatform(platform) })).toBe(expected);
  });

  it('puts builds that differ only in main and output into one group, in task order', () => {
    const groups = groupMembers([member('./cmd/kubelet'), member('./cmd/kubectl', { outputPath: 'mod/_output/custom/kubectl' }), member('./cmd/kubeadm', { binaryName: 'adm' })]);
    expect(ids(groups)).toEqual([['./cmd/kubelet', './cmd/kubectl', './cmd/kubeadm']]);
  });

  it.each<[string, Partial<GoBuildExecutorOptions>]>([
    ['platform', { platform: 'linux/arm64' }],
    ['tags', { tags: ['providerless'] }],
    ['ldflags', { ldflags: '-X main.extra=1' }],
    ['gcflags', { gcflags: 'all=-N' }],
    ['trimpath', { trimpath: false }],
    ['debug', { debug: true }],
    ['cgo', { cgo: true }],
    ['image', { image: 'golang:1.22' }],
    ['network', { network: 'bridge' }],
    ['cache volume', { cacheVolume: 'other' }],
    ['engines', { engines: ['tcp://10.0.0.5:2376'] }],
  ])('splits builds whose %s differs', (_what, extra) => {
    expect(ids(groupMembers([member('./cmd/kubelet'), member('./cmd/kubectl', extra), member('./cmd/kubeadm')]))).toEqual([
      ['./cmd/kubelet', './cmd/kubeadm'],
      ['./cmd/kubectl'],
    ]);
  });

  it('splits on an option it does not know of (a normalized option added later, such as a test binary kind)', () => {
    const test = member('./cmd/kubectl');
    const withKind = { ...test, o: { ...test.o, kind: 'test' } as typeof test.o };
    expect(ids(groupMembers([member('./cmd/kubelet'), withKind]))).toEqual([['./cmd/kubelet'], ['./cmd/kubectl']]);
  });

  it('never puts two mains go would write to one file name into one group', () => {
    expect(ids(groupMembers([member('./cmd/kubelet'), member('./staging/kubelet'), member('./cmd/kubectl')]))).toEqual([
      ['./cmd/kubelet', './cmd/kubectl'],
      ['./staging/kubelet'],
    ]);
  });

  it('leaves host mode and a main outside the module to run alone', () => {
    expect(groupKey(member('./cmd/kubelet', { mode: 'host' }))).toBeUndefined();
    const m = member('./cmd/kubelet');
    expect(groupKey({ ...m, o: { ...m.o, main: '../elsewhere/cmd/x' } })).toBeUndefined();
    expect(groupKey(m)).toBeDefined();
    expect(ids(groupMembers([member('./cmd/kubelet', { mode: 'host' }), member('./cmd/kubectl', { mode: 'host' })]))).toEqual([['./cmd/kubelet'], ['./cmd/kubectl']]);
  });

  it('leaves test binaries (go test -c takes one package) to run alone, each its own group', () => {
    for (const dir of ['test/e2e', 'test/e2e_node']) {
      fs.mkdirSync(path.join(mod.ws, 'mod', dir), { recursive: true });
      fs.writeFileSync(path.join(mod.ws, 'mod', dir, 'e2e_test.go'), 'package e2e\n');
    }
    const tests = [member('./test/e2e', { testBinary: true, binaryName: 'e2e.test' }), member('./test/e2e_node', { testBinary: true, binaryName: 'e2e_node.test' })];
    expect(groupKey(tests[0])).toBeUndefined();
    expect(ids(groupMembers([...tests, member('./cmd/kubectl'), member('./cmd/kubeadm')]))).toEqual([['./test/e2e'], ['./test/e2e_node'], ['./cmd/kubectl', './cmd/kubeadm']]);
  });
});
