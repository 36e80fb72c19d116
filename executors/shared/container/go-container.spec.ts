import { containerSpec } from './spec';
import {
  CONTAINER_ENV_KEYS,
  defaultCacheVolume,
  displayCommand,
  goContainerEnv,
  goContainerInput,
  goContainerName,
  goflagsEnv,
  hostUser,
  modCacheEnv,
} from './go-container';
import { workspaceHash } from '../module/paths';

describe('goContainerEnv', () => {
  const hostEnv = {
    PATH: '/usr/bin',
    HOME: '/root',
    AWS_SECRET_ACCESS_KEY: 'secret',
    GOFLAGS: '-v',
    GOLDFLAGS: '-X main.x=1',
    GOGCFLAGS: '-m',
    KUBE_VERBOSE: '3',
    GOPROXY: 'https://proxy.example',
  };
  const env = goContainerEnv({
    platform: { os: 'linux', arch: 'arm64' },
    cgo: false,
    vendored: true,
    hostEnv,
    sourceDateEpoch: '1700000000',
  });

  it('holds exactly the allowed keys and nothing else from the host', () => {
    expect(Object.keys(env).sort()).toEqual([...CONTAINER_ENV_KEYS].sort());
    expect(Object.values(env)).not.toContain('secret');
    expect(Object.values(env)).not.toContain('/usr/bin');
  });

  it('sets the platform, cgo, vendoring, no proxy and the build date', () => {
    expect(env).toEqual({
      GOOS: 'linux',
      GOARCH: 'arm64',
      CGO_ENABLED: '0',
      GOFLAGS: '-mod=vendor -buildvcs=false -v',
      GOLDFLAGS: '-X main.x=1',
      GOGCFLAGS: '-m',
      GOPROXY: 'off',
      KUBE_VERBOSE: '3',
      SOURCE_DATE_EPOCH: '1700000000',
    });
  });

  it('passes empty strings for unset Makefile variables and CGO_ENABLED=1 on request', () => {
    const e = goContainerEnv({
      platform: { os: 'windows', arch: 'amd64' },
      cgo: true,
      vendored: false,
      hostEnv: {},
      sourceDateEpoch: '0',
    });
    expect(e).toMatchObject({ CGO_ENABLED: '1', GOFLAGS: '-buildvcs=false', GOLDFLAGS: '', GOGCFLAGS: '', KUBE_VERBOSE: '' });
  });
});

describe('goflagsEnv', () => {
  it.each([
    [false, undefined, '-buildvcs=false'],
    [true, undefined, '-mod=vendor -buildvcs=false'],
    [true, '  -mod=mod   -v ', '-mod=vendor -buildvcs=false -mod=mod -v'],
  ])('vendored=%s GOFLAGS=%s → %s', (vendored, host, want) => {
    expect(goflagsEnv(vendored, host)).toBe(want);
  });
});

describe('goContainerName', () => {
  it('names the container after the workspace, project and platform', () => {
    const h = workspaceHash('/home/me/kubernetes');
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    expect(goContainerName('/home/me/kubernetes', 'kubelet', 'linux', 'amd64')).toBe(`kube-build-${h}-kubelet-linux-amd64`);
    expect(goContainerName('/home/me/kubernetes', 'k8s.io/kube aggregator', 'test')).toBe(
      `kube-build-${h}-k8s.io-kube-aggregator-test`,
    );
  });

  it('differs between two checkouts', () => {
    expect(goContainerName('/a/kubernetes', 'kubelet')).not.toBe(goContainerName('/b/kubernetes', 'kubelet'));
  });
});

describe('goContainerInput', () => {
  it('mounts the module read-only at its import path, the output read-write, the cache volume', () => {
    const spec = containerSpec(
      goContainerInput({
        name: 'n',
        image: 'kube-build:build-abc',
        cmd: ['go', 'build', './cmd/kubelet'],
        moduleDir: '/ws/workspace',
        modulePath: 'k8s.io/kubernetes',
        cacheVolume: 'nx-kube-build-gocache',
        network: 'none',
        env: { GOOS: 'linux' },
        user: '501:20',
        outputDir: '/ws/workspace/_output/dockerized/bin/linux/amd64',
      }),
    );
    expect(spec.WorkingDir).toBe('/go/src/k8s.io/kubernetes');
    expect(spec.User).toBe('501:20');
    expect(spec.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/ws/workspace', Target: '/go/src/k8s.io/kubernetes', ReadOnly: true },
      { Type: 'bind', Source: '/ws/workspace/_output/dockerized/bin/linux/amd64', Target: '/output', ReadOnly: false },
      { Type: 'volume', Source: 'nx-kube-build-gocache', Target: '/go-cache', ReadOnly: false },
    ]);
    expect(spec.HostConfig?.NetworkMode).toBe('none');
    expect(spec.HostConfig?.Privileged).toBe(false);
  });

  it('has no /output mount for tests', () => {
    const input = goContainerInput({
      name: 'n',
      image: 'i',
      cmd: ['go', 'test', './...'],
      moduleDir: '/ws',
      modulePath: 'example.com/m',
      cacheVolume: 'v',
      network: 'none',
      env: {},
    });
    expect(input.mounts.map((m) => m.target)).toEqual(['/go/src/example.com/m', '/go-cache']);
  });

  it('mounts a source volume read-only in place of the module dir, with no host path at all', () => {
    const input = goContainerInput({
      name: 'n',
      image: 'i',
      cmd: ['go', 'build', '-o', '/tmp/.kubelet.tmp', './cmd/kubelet'],
      moduleDir: '/ws',
      modulePath: 'k8s.io/kubernetes',
      sourceVolume: 'kube-build-src-0123abcd',
      cacheVolume: 'v',
      network: 'none',
      env: {},
    });
    expect(input.mounts).toEqual([
      { type: 'volume', source: 'kube-build-src-0123abcd', target: '/go/src/k8s.io/kubernetes', readOnly: true },
      { type: 'volume', source: 'v', target: '/go-cache', readOnly: false },
    ]);
  });
});

describe('a build from a filled module cache', () => {
  const input = goContainerInput({
    name: 'n',
    image: 'kube-build:x',
    cmd: ['go', 'build', './cmd/hello'],
    moduleDir: '/ws',
    modulePath: 'example.com/hello',
    cacheVolume: 'nx-kube-build-gocache',
    modCache: { volume: 'nx-kube-build-gomod-0123456789abcdef', workspace: false },
    network: 'none',
    env: { GOOS: 'linux', GOFLAGS: '-buildvcs=false -v', GOPROXY: 'off' },
  });
  it('mounts the volume read-only at /go-mod, beside the writable Go cache', () => {
    expect(input.mounts.map((m) => [m.source, m.target, m.readOnly])).toEqual([
      ['/ws', '/go/src/example.com/hello', true],
      ['nx-kube-build-gocache', '/go-cache', false],
      ['nx-kube-build-gomod-0123456789abcdef', '/go-mod', true],
    ]);
    expect(input.network).toBe('none');
  });
  it('resolves modules from it alone: -mod=mod first, no proxy, no checksum database', () => {
    expect(input.env).toEqual({ GOOS: 'linux', GOFLAGS: '-mod=mod -buildvcs=false -v', GOPROXY: 'off', GOSUMDB: 'off', GOMODCACHE: '/go-mod/mod' });
  });
  it('leaves -mod alone in a go.work context, where Go allows only readonly', () => {
    expect(modCacheEnv({ GOFLAGS: '-buildvcs=false' }, true)).toEqual({ GOFLAGS: '-buildvcs=false', GOPROXY: 'off', GOSUMDB: 'off', GOMODCACHE: '/go-mod/mod' });
  });
});

describe('hostUser', () => {
  it('is uid:gid of the process', () => {
    expect(hostUser({ getuid: () => 1000, getgid: () => 100 })).toBe('1000:100');
  });
  it('is undefined where the platform has no uids', () => {
    expect(hostUser({ getuid: undefined, getgid: undefined })).toBeUndefined();
  });
});

describe('defaultCacheVolume', () => {
  it('is one volume per uid, so no uid writes into dirs another uid made or reads objects it planted', () => {
    expect(defaultCacheVolume({ getuid: () => 0 })).toBe('nx-kube-build-gocache-0');
    expect(defaultCacheVolume({ getuid: () => 1001 })).toBe('nx-kube-build-gocache-1001');
  });
  it('is nx-kube-build-gocache where the platform has no uids', () => {
    expect(defaultCacheVolume({ getuid: undefined })).toBe('nx-kube-build-gocache');
  });
});

describe('displayCommand', () => {
  it('quotes what a shell would split', () => {
    expect(displayCommand(['go', 'build', '-ldflags', "-s -w -X 'a.b=c'", './cmd/x'])).toBe(
      `go build -ldflags '-s -w -X '\\''a.b=c'\\''' ./cmd/x`,
    );
  });
});
