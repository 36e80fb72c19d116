import { containerSpec } from '../container/spec';
import { downloadContainer, downloadEnv, downloadFailure, fileProxyDirs, goErrorLines, modCacheVolumeName } from './plan';

describe('modCacheVolumeName', () => {
  const files = [
    { name: 'go.mod', content: 'module m\n' },
    { name: 'go.sum', content: 'a v1 h1:x\n' },
  ];
  it('is nx-kube-build-gomod-<16 hex> of the names and contents, in any order', () => {
    const name = modCacheVolumeName(files);
    expect(name).toMatch(/^nx-kube-build-gomod-[0-9a-f]{16}$/);
    expect(modCacheVolumeName([...files].reverse())).toBe(name);
  });
  it.each([
    ['go.sum content', [files[0], { name: 'go.sum', content: 'a v1 h1:y\n' }]],
    ['go.mod content', [{ name: 'go.mod', content: 'module n\n' }, files[1]]],
    ['an absent go.sum', [files[0], { name: 'go.sum' }]],
    ['an empty go.sum', [files[0], { name: 'go.sum', content: '' }]],
    ['a file moved', [files[0], { name: 'a/go.sum', content: 'a v1 h1:x\n' }]],
  ])('changes with %s', (_n, other) => {
    expect(modCacheVolumeName(other)).not.toBe(modCacheVolumeName(files));
  });
});

describe('fileProxyDirs', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['https://proxy.golang.org,direct', []],
    ['file:///srv/goproxy', ['/srv/goproxy']],
    ['https://p.example|file:///tmp/my%20proxy/,off', ['/tmp/my proxy']],
  ])('%s → %j', (goproxy, want) => {
    expect(fileProxyDirs(goproxy)).toEqual(want);
  });
});

describe('downloadEnv', () => {
  it('passes the module variables that are set, and nothing else from the host', () => {
    expect(
      downloadEnv({ GOPROXY: 'https://p.example', GONOSUMDB: 'corp.example', GOPRIVATE: '', GOFLAGS: '-mod=mod', HOME: '/root', AWS_SECRET_ACCESS_KEY: 's', GOINSECURE: 'x.example' }),
    ).toEqual({
      GOMODCACHE: '/tmp/mod',
      GOCACHE: '/tmp/.cache/go-build',
      GOTOOLCHAIN: 'local',
      GOPROXY: 'https://p.example',
      GONOSUMDB: 'corp.example',
      GOFLAGS: '-mod=mod',
      GOINSECURE: 'x.example',
    });
  });
  it.each(['GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GONOSUMCHECK', 'GOSUMDB', 'GOINSECURE', 'GOFLAGS'])('passes %s', (k) => {
    expect(downloadEnv({ [k]: 'v' })[k]).toBe('v');
  });
});

describe('downloadContainer', () => {
  const spec = downloadContainer({
    name: 'kube-build-1-gomod-ab',
    image: 'kube-build:x',
    volume: 'nx-kube-build-gomod-ab',
    moduleDir: '/ws/svc',
    modulePath: 'example.com/svc',
    network: 'bridge',
    hostEnv: { GOPROXY: 'file:///srv/goproxy,off' },
    user: '1000:1000',
  });
  it('runs go mod download with the volume writable, the module and a file:// proxy read-only, on the given network', () => {
    expect(spec.cmd).toEqual(['go', 'mod', 'download']);
    expect(spec.workingDir).toBe('/go/src/example.com/svc');
    expect(spec.mounts).toEqual([
      { type: 'bind', source: '/ws/svc', target: '/go/src/example.com/svc', readOnly: true },
      { type: 'volume', source: 'nx-kube-build-gomod-ab', target: '/tmp', readOnly: false },
      { type: 'bind', source: '/srv/goproxy', target: '/srv/goproxy', readOnly: true },
    ]);
    expect(containerSpec(spec).HostConfig).toMatchObject({ NetworkMode: 'bridge', CapDrop: ['ALL'], Privileged: false });
  });
});

describe('download failures', () => {
  const stderr = 'go: downloading example.test/greet v1.9.9\ngo: example.test/greet@v1.9.9: reading file:///p/example.test/greet/@v/v1.9.9.info: no such file or directory\n';
  it("keep Go's line naming the module, not its progress", () => {
    expect(goErrorLines(stderr)).toBe('go: example.test/greet@v1.9.9: reading file:///p/example.test/greet/@v/v1.9.9.info: no such file or directory');
    expect(goErrorLines('fatal\n')).toBe('fatal');
    expect(goErrorLines('')).toBe('go printed nothing');
  });
  it('name where, the exit code, the proxy in force and the fix', () => {
    expect(downloadFailure('svc', 1, stderr, { GOPROXY: 'file:///p' })).toBe(
      'go mod download in svc failed (exit 1) with GOPROXY=file:///p: go: example.test/greet@v1.9.9: reading file:///p/example.test/greet/@v/v1.9.9.info: no such file or directory: fix that requirement in go.mod, or set GOPROXY (and GONOSUMDB/GOPRIVATE for private modules) to a proxy that serves it.',
    );
    expect(downloadFailure('.', 1, 'go: x@v1: 404\n', {})).toMatch(/with GOPROXY unset \(Go's default https:\/\/proxy\.golang\.org,direct\): go: x@v1: 404:/);
  });
});
