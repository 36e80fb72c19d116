import * as path from 'path';
import { containerBuild, hostBuildArgs, partialBinary, planBuild } from './plan';
import { tempModule } from './steps.spec-helpers';

describe('planBuild and containerBuild', () => {
  const mod = tempModule();
  afterAll(() => mod.cleanup());
  const version = { buildDate: '2024-01-02T03:04:05Z', epoch: 1704164645, gitVersion: 'v1.2.3', gitCommit: 'abc', gitTreeState: 'clean' };
  const plan = () =>
    planBuild({ ...mod.options(), versionPackages: ['k8s.io/component-base/version'] }, {
      version,
      hostEnv: { GOFLAGS: '-v', HOME: '/root' },
      project: 'kubelet',
      nonce: 'n0nce',
      target: 'build',
      owner: { host: 'ci-1', pid: 4242, start: '777' },
      user: '1000:1000',
    });

  it('decides platform, env, stamps and where the binary is written first', () => {
    const p = plan();
    expect(p.what).toBe('go build ./cmd/kubelet for linux/arm64');
    expect(p.env).toMatchObject({ GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0', GOFLAGS: '-mod=vendor -buildvcs=false -v', SOURCE_DATE_EPOCH: '1704164645' });
    expect(p.env.HOME).toBeUndefined();
    expect(p.flags.stamps).toContain("-X 'k8s.io/component-base/version.gitVersion=v1.2.3'");
    expect(p.output).toEqual({
      dir: path.join(mod.ws, 'mod/_output/dockerized/bin/linux/arm64'),
      partialName: '.kubelet.n0nce.tmp',
      binary: path.join(mod.ws, 'mod/_output/dockerized/bin/linux/arm64/kubelet'),
    });
    expect(partialBinary(p)).toBe(path.join(p.output.dir, '.kubelet.n0nce.tmp'));
    expect(p.container).toEqual({
      name: expect.stringMatching(/^kube-build-[0-9a-f]{8}-kubelet-linux-arm64-n0nce$/),
      user: '1000:1000',
      labels: {
        'io.nx-kube-build.workspace': mod.ws,
        'io.nx-kube-build.project': 'kubelet',
        'io.nx-kube-build.target': 'build',
        'io.nx-kube-build.platform': 'linux/arm64',
        'io.nx-kube-build.owner.host': 'ci-1',
        'io.nx-kube-build.owner.pid': '4242',
        'io.nx-kube-build.owner.start': '777',
      },
    });
  });

  it('writes through the output mount when the checkout is mounted', () => {
    const b = containerBuild(plan(), mod.options(), 'kube-build:x', { kind: 'mount' });
    expect(b.copyOut).toBeUndefined();
    expect(b.spec.cmd).toContain('/output/.kubelet.n0nce.tmp');
    expect(b.spec.mounts.map((m) => [m.type, m.target, m.readOnly])).toEqual([
      ['bind', '/go/src/k8s.io/kubernetes', true],
      ['bind', '/output', false],
      ['volume', '/go-cache', false],
    ]);
    expect(b.display).toMatch(/^go build .* \(in kube-build:x, container kube-build-\w+-kubelet-linux-arm64-n0nce\)$/);
  });

  it('runs go test -c for a test binary, in the same container with the same partial-then-rename output', () => {
    const p = planBuild({ ...mod.options(), testBinary: true, main: './test/e2e', binaryName: 'e2e.test', fileName: 'e2e.test' }, {
      version,
      hostEnv: {},
      project: 'e2e.test',
      nonce: 'n0nce',
      target: 'build',
      owner: { host: 'ci-1', pid: 4242, start: '777' },
    });
    expect(p.what).toBe('go test -c ./test/e2e for linux/arm64');
    expect(p.output.partialName).toBe('.e2e.test.n0nce.tmp');
    const b = containerBuild(p, mod.options(), 'kube-build:x', { kind: 'mount' });
    expect(b.spec.cmd.slice(0, 5)).toEqual(['go', 'test', '-c', '-o', '/output/.e2e.test.n0nce.tmp']);
    expect(b.spec.cmd[b.spec.cmd.length - 1]).toBe('./test/e2e');
    expect(b.spec.mounts.map((m) => m.target)).toEqual(['/go/src/k8s.io/kubernetes', '/output', '/go-cache']);
    const remote = containerBuild(p, mod.options(), 'kube-build:x', { kind: 'volume', volume: 'kube-build-src-1' });
    expect(remote.copyOut).toBe('/tmp/.e2e.test.n0nce.tmp');
    expect(remote.spec.cmd.slice(0, 5)).toEqual(['go', 'test', '-c', '-o', '/tmp/.e2e.test.n0nce.tmp']);
  });

  it('writes inside the container and copies out when sources are in a volume', () => {
    const b = containerBuild(plan(), mod.options(), 'kube-build:x', { kind: 'volume', volume: 'kube-build-src-1' });
    expect(b.copyOut).toBe('/tmp/.kubelet.n0nce.tmp');
    expect(b.spec.mounts.map((m) => [m.type, m.source, m.target])).toEqual([
      ['volume', 'kube-build-src-1', '/go/src/k8s.io/kubernetes'],
      ['volume', 'gocache', '/go-cache'],
    ]);
    expect(b.display).toMatch(/sources from volume kube-build-src-1\)$/);
  });

  it('mounts the module-cache volume of a context without vendor/ read-only, with no network', () => {
    const b = containerBuild(plan(), { ...mod.options(), vendored: false }, 'kube-build:x', { kind: 'mount' }, { volume: 'nx-kube-build-gomod-0123456789abcdef', workspace: false });
    expect(b.spec.mounts.map((m) => [m.source, m.target, m.readOnly]).pop()).toEqual(['nx-kube-build-gomod-0123456789abcdef', '/go-mod', true]);
    expect(b.spec.env).toMatchObject({ GOMODCACHE: '/go-mod/mod', GOPROXY: 'off', GOSUMDB: 'off', GOFLAGS: expect.stringMatching(/^-mod=mod /) });
    expect(b.spec.network).toBe('none');
  });

  it('gives host mode the partial binary beside the output', () => {
    const args = hostBuildArgs(plan());
    expect(args[args.indexOf('-o') + 1]).toBe(partialBinary(plan()));
  });

  it('a cgo build for another architecture than the image gets golang.sh\'s CC and CXX; a static one none', () => {
    const facts = { version, hostEnv: {}, project: 'kubelet', target: 'build', owner: { host: 'h', pid: 1, start: '' }, nonce: 'n', nativeArch: 'amd64' };
    const cgo = planBuild({ ...mod.options('linux/arm64'), cgo: true }, facts);
    expect(cgo.env).toMatchObject({ CGO_ENABLED: '1', CC: 'aarch64-linux-gnu-gcc', CXX: 'aarch64-linux-gnu-g++', PKG_CONFIG_LIBDIR: '/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig' });
    const native = planBuild({ ...mod.options('linux/amd64'), cgo: true }, facts);
    expect(native.env.CGO_ENABLED).toBe('1');
    expect(native.env.CC).toBeUndefined();
    expect(planBuild(mod.options('linux/arm64'), facts).env.CC).toBeUndefined();
  });
});
