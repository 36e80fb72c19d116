import type { NormalizedTestOptions } from './command';
import { hostTestEnv, planTest, testContainer, testDescription } from './plan';

const o: NormalizedTestOptions = {
  moduleRoot: 'mod',
  moduleDir: '/ws/mod',
  modulePath: 'k8s.io/kubernetes',
  packages: ['./pkg/kubelet/...', './cmd/kubelet'],
  tags: ['providerless'],
  goflags: '-count=1',
  args: ['-run', 'TestX'],
  mode: 'docker',
  dockerfile: 'build/build-image/Dockerfile',
  network: 'none',
  downloadNetwork: 'bridge',
  cacheVolume: 'gocache',
  vendored: true,
  sync: 'auto',
};
const facts = {
  version: { buildDate: '2023-11-14T22:13:20Z', epoch: 1700000000 },
  hostEnv: { GOFLAGS: '-v', KUBE_VERBOSE: '2', HOME: '/home/a', PATH: '/bin' },
  host: { os: 'darwin', arch: 'arm64' },
};

describe('planTest', () => {
  it('tests on linux of the host architecture with exactly the allow-listed env', () => {
    expect(planTest(o, facts)).toEqual({
      what: 'go test ./pkg/kubelet/... ./cmd/kubelet',
      args: ['test', '-count=1', '-tags', 'providerless', './pkg/kubelet/...', './cmd/kubelet', '-run', 'TestX'],
      env: {
        GOOS: 'linux',
        GOARCH: 'arm64',
        CGO_ENABLED: '0',
        GOFLAGS: '-mod=vendor -buildvcs=false -v',
        GOLDFLAGS: '',
        GOGCFLAGS: '',
        GOPROXY: 'off',
        KUBE_VERBOSE: '2',
        SOURCE_DATE_EPOCH: '1700000000',
      },
      host: { os: 'darwin', arch: 'arm64' },
    });
  });

  it('describes the run by its packages', () => {
    expect(testDescription({ packages: ['./...'] })).toBe('go test ./...');
  });

  it('runs host mode for the host OS', () => {
    const env = hostTestEnv(planTest(o, facts));
    expect([env.GOOS, env.GOARCH]).toEqual(['darwin', 'arm64']);
  });
});

describe('testContainer', () => {
  it('mounts the module read-only at its import path with the Go cache, labelled with workspace, task and owner', () => {
    const plan = planTest(o, facts);
    expect(testContainer(plan, o, {
      workspaceRoot: '/ws',
      project: 'kubelet',
      target: 'test',
      nonce: 'c0ffee',
      owner: { host: 'ci-1', pid: 77, start: '12' },
      image: 'kube-build:abc',
      user: '1000:1000',
    })).toEqual({
      name: 'kube-build-0c65a812-kubelet-test-c0ffee',
      image: 'kube-build:abc',
      cmd: ['go', ...plan.args],
      workingDir: '/go/src/k8s.io/kubernetes',
      user: '1000:1000',
      env: plan.env,
      mounts: [
        { type: 'bind', source: '/ws/mod', target: '/go/src/k8s.io/kubernetes', readOnly: true },
        { type: 'volume', source: 'gocache', target: '/go-cache', readOnly: false },
      ],
      network: 'none',
      labels: {
        'io.nx-kube-build.workspace': '/ws',
        'io.nx-kube-build.project': 'kubelet',
        'io.nx-kube-build.target': 'test',
        'io.nx-kube-build.platform': `linux/${plan.host.arch}`,
        'io.nx-kube-build.owner.host': 'ci-1',
        'io.nx-kube-build.owner.pid': '77',
        'io.nx-kube-build.owner.start': '12',
      },
    });
  });

  it("mounts the engine's copy of the module instead of the checkout when the sources were sent to a volume", () => {
    const c = testContainer(planTest(o, facts), o, { workspaceRoot: '/ws', project: 'kubelet', target: 'test', nonce: 'n', owner: { host: 'h', pid: 1, start: '' }, image: 'kube-build:abc', sourceVolume: 'kube-build-src-0c65a812' });
    expect(c.mounts).toEqual([
      { type: 'volume', source: 'kube-build-src-0c65a812', target: '/go/src/k8s.io/kubernetes', readOnly: true },
      { type: 'volume', source: 'gocache', target: '/go-cache', readOnly: false },
    ]);
  });
});
