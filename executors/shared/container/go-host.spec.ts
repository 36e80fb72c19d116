import { hostGoEnv } from './go-host';

describe('hostGoEnv (host mode)', () => {
  it("passes only what locates the host's go and its caches, under the build's own env", () => {
    const host = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      GOROOT: '/usr/lib/go',
      GOPATH: '/home/u/go',
      GOCACHE: '/home/u/.cache/go-build',
      GOMODCACHE: '/home/u/go/pkg/mod',
      GOTOOLCHAIN: 'local',
      GOPROXY: 'https://proxy.golang.org',
      AWS_SECRET_ACCESS_KEY: 'secret',
      CC: 'clang',
      GOFLAGS: '-race',
    };
    const build = { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0', GOPROXY: 'off', GOFLAGS: '-mod=vendor' };
    expect(hostGoEnv(build, host)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      GOROOT: '/usr/lib/go',
      GOPATH: '/home/u/go',
      GOCACHE: '/home/u/.cache/go-build',
      GOMODCACHE: '/home/u/go/pkg/mod',
      GOTOOLCHAIN: 'local',
      ...build,
    });
  });

  it('leaves out unset and empty variables', () => {
    expect(hostGoEnv({ GOOS: 'linux' }, { PATH: '/bin', HOME: '', GOROOT: undefined })).toEqual({ PATH: '/bin', GOOS: 'linux' });
  });
});
