import { GoBuildFlagsInput, goBuildArgs, goGcflags, goLdflags } from './flags';

const base: GoBuildFlagsInput = {
  debug: false,
  trimpath: true,
  tags: [],
  goflags: '',
  ldflags: '',
  gcflags: '',
  stamps: ["-X 'k8s.io/component-base/version.gitVersion=v1.30.0'"],
  hostEnv: {},
};

describe('goLdflags', () => {
  it.each<[string, Partial<GoBuildFlagsInput>, string]>([
    ['strips symbols and the build id', {}, "-s -w -buildid= -X 'k8s.io/component-base/version.gitVersion=v1.30.0'"],
    ['keeps symbols when debugging', { debug: true }, "-buildid= -X 'k8s.io/component-base/version.gitVersion=v1.30.0'"],
    [
      'appends the option, then GOLDFLAGS',
      { ldflags: '-extldflags=-static', hostEnv: { GOLDFLAGS: '-X main.extra=1' } },
      "-s -w -buildid= -X 'k8s.io/component-base/version.gitVersion=v1.30.0' -extldflags=-static -X main.extra=1",
    ],
    ['works without stamps', { stamps: [] }, '-s -w -buildid='],
  ])('%s', (_name, over, want) => {
    expect(goLdflags({ ...base, ...over })).toBe(want);
  });
});

describe('goGcflags', () => {
  it.each<[string, Partial<GoBuildFlagsInput>, string]>([
    ['is empty by default', {}, ''],
    ['disables optimisation and inlining when debugging', { debug: true }, 'all=-N -l'],
    ['appends GOGCFLAGS after the option', { gcflags: '-m', hostEnv: { GOGCFLAGS: '-B' } }, '-m -B'],
    ['puts the debug flags last', { gcflags: '-m', debug: true, hostEnv: { GOGCFLAGS: '-B' } }, '-m -B all=-N -l'],
  ])('%s', (_name, over, want) => {
    expect(goGcflags({ ...base, ...over })).toBe(want);
  });
});

describe('goBuildArgs', () => {
  it('builds the release command line', () => {
    expect(goBuildArgs({ ...base, output: '/output/.kubelet.1.tmp', main: './cmd/kubelet' })).toEqual([
      'build',
      '-o',
      '/output/.kubelet.1.tmp',
      '-trimpath',
      '-ldflags',
      "-s -w -buildid= -X 'k8s.io/component-base/version.gitVersion=v1.30.0'",
      './cmd/kubelet',
    ]);
  });

  it('adds goflags, tags and gcflags in order', () => {
    expect(
      goBuildArgs({
        ...base,
        trimpath: false,
        debug: true,
        goflags: '-v  -p=2',
        tags: ['selinux', 'providerless'],
        stamps: [],
        output: '/output/x',
        main: 'k8s.io/kube-aggregator',
      }),
    ).toEqual([
      'build',
      '-o',
      '/output/x',
      '-v',
      '-p=2',
      '-tags',
      'selinux,providerless',
      '-gcflags',
      'all=-N -l',
      '-ldflags',
      '-buildid=',
      'k8s.io/kube-aggregator',
    ]);
  });

  it('builds a test binary with go test -c and the same flags, as golang.sh builds its .test targets', () => {
    expect(goBuildArgs({ ...base, testBinary: true, tags: ['selinux', 'notest'], output: '/output/.e2e.test.1.tmp', main: './test/e2e' })).toEqual([
      'test',
      '-c',
      '-o',
      '/output/.e2e.test.1.tmp',
      '-trimpath',
      '-tags',
      'selinux,notest',
      '-ldflags',
      "-s -w -buildid= -X 'k8s.io/component-base/version.gitVersion=v1.30.0'",
      './test/e2e',
    ]);
  });
});
