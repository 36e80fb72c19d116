import {
  checkVersionPackages,
  computeVersionInfo,
  formatBuildDate,
  majorMinor,
  rewriteGitVersion,
  sourceDateEpoch,
  stampsSemver,
  versionLdflags,
} from './version';

const COMMIT = '84c76d1142ea4d5f6a7b8c9d0e1f2a3b4c5d6e7f';

describe('rewriteGitVersion (hack/lib/version.sh)', () => {
  it.each([
    ['v1.2.3', 'clean', 'v1.2.3'],
    ['v1.2.3', 'dirty', 'v1.2.3-dirty'],
    ['v1.2.3-6-g84c76d1142ea4d', 'clean', 'v1.2.3-6+84c76d1142ea4d'],
    ['v1.1.0-alpha.0-6-g84c76d1142ea4d', 'clean', 'v1.1.0-alpha.0.6+84c76d1142ea4d'],
    ['v1.1.0-alpha.0-6-g84c76d1142ea4d', 'dirty', 'v1.1.0-alpha.0.6+84c76d1142ea4d-dirty'],
    ['v1.1.0-alpha.0', 'clean', 'v1.1.0-alpha.0'],
    // Existing build metadata: left alone, as version.sh does.
    ['v1.2.3+meta-6-g84c76d1142ea4d', 'clean', 'v1.2.3+meta-6-g84c76d1142ea4d'],
    // Only a 14-digit abbreviation is rewritten.
    ['v1.2.3-6-g84c76d11', 'clean', 'v1.2.3-6-g84c76d11'],
    ['v1.1.0-rc.1-x-6-g84c76d1142ea4d', 'clean', 'v1.1.0-rc.1-x-6-g84c76d1142ea4d'],
  ])('%s (%s) → %s', (describe, state, want) => {
    expect(rewriteGitVersion(describe, state)).toBe(want);
  });
});

describe('majorMinor', () => {
  it.each([
    ['v1.2.3', { gitMajor: '1', gitMinor: '2' }],
    ['v1.30.0-6+84c76d1142ea4d', { gitMajor: '1', gitMinor: '30+' }],
    ['v1.2.3-dirty', { gitMajor: '1', gitMinor: '2+' }],
    ['v1.2.3+meta', { gitMajor: '1', gitMinor: '2' }],
    ['v0.0.0-master+84c76d1142ea4d', { gitMajor: '0', gitMinor: '0+' }],
    ['1.2.3', undefined],
  ])('%s', (v, want) => {
    expect(majorMinor(v)).toEqual(want);
  });
});

describe('formatBuildDate', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1700000000, '2023-11-14T22:13:20Z'],
  ])('%d → %s', (epoch, want) => {
    expect(formatBuildDate(epoch)).toBe(want);
  });
});

describe('computeVersionInfo', () => {
  const tagged = { describe: 'v1.2.3', commit: COMMIT, commitTime: 1700000000, status: '' };

  it('stamps a clean tagged commit with its commit time', () => {
    expect(computeVersionInfo(tagged, {})).toEqual({
      gitVersion: 'v1.2.3',
      version: 'v1.2.3',
      gitCommit: COMMIT,
      gitCommitShort: '84c76d1142ea',
      gitTreeState: 'clean',
      gitMajor: '1',
      gitMinor: '2',
      buildDate: '2023-11-14T22:13:20Z',
      epoch: 1700000000,
    });
  });

  it('marks a tree with any git status output dirty', () => {
    const info = computeVersionInfo({ ...tagged, status: '?? new.go' }, {});
    expect(info).toMatchObject({ gitTreeState: 'dirty', gitVersion: 'v1.2.3-dirty', version: 'v1.2.3-dirty', gitMinor: '2+' });
  });

  it('keeps the describe output as it is for version, unlike gitVersion', () => {
    const describe = 'v1.2.5-1-g250a98a55c1d2e';
    expect(computeVersionInfo({ ...tagged, describe }, {})).toMatchObject({ version: describe, gitVersion: 'v1.2.5-1+250a98a55c1d2e' });
    expect(computeVersionInfo({ ...tagged, describe, status: ' M main.go' }, {}).version).toBe(`${describe}-dirty`);
  });

  it('names the commit when no tag is reachable', () => {
    const info = computeVersionInfo({ commit: COMMIT, commitTime: 1, status: '' }, {});
    expect(info.gitVersion).toBe('v0.0.0-master+84c76d1142ea4d');
    // As `git describe --always --abbrev=14` prints it.
    expect(info.version).toBe('84c76d1142ea4d');
    expect(info).toMatchObject({ gitMajor: '0', gitMinor: '0+' });
  });

  it('stamps only the build date outside git', () => {
    expect(computeVersionInfo({}, {})).toEqual({ buildDate: '1970-01-01T00:00:00Z', epoch: 0 });
    expect(versionLdflags(computeVersionInfo({}, {}), [{ package: 'main', vars: { version: 'version', gitCommit: 'commit', buildDateUnix: 'built' } }])).toEqual([
      "-X 'main.built=0'",
    ]);
  });

  it('takes SOURCE_DATE_EPOCH over the commit time', () => {
    expect(computeVersionInfo(tagged, { SOURCE_DATE_EPOCH: '0' }).buildDate).toBe('1970-01-01T00:00:00Z');
    expect(computeVersionInfo({}, { SOURCE_DATE_EPOCH: '1700000000' }).buildDate).toBe('2023-11-14T22:13:20Z');
  });

  it('lets KUBE_GIT_* override what git says', () => {
    const info = computeVersionInfo(tagged, {
      KUBE_GIT_VERSION: 'v1.31.0-beta.0',
      KUBE_GIT_COMMIT: 'deadbeef',
      KUBE_GIT_TREE_STATE: 'archive',
      KUBE_GIT_MAJOR: '1',
      KUBE_GIT_MINOR: '31',
    });
    expect(info).toMatchObject({
      gitVersion: 'v1.31.0-beta.0',
      version: 'v1.31.0-beta.0',
      gitCommit: 'deadbeef',
      gitCommitShort: 'deadbeef',
      gitTreeState: 'archive',
      gitMajor: '1',
      gitMinor: '31',
    });
  });

  it('refuses a version that is not semver', () => {
    expect(() => computeVersionInfo({ ...tagged, describe: 'vfoo' }, {})).toThrow(
      'The git version "vfoo" is not a valid semantic version (https://semver.org): tag the commit like v1.2.3 or set KUBE_GIT_VERSION.',
    );
  });

  it('tolerates a non-semver tag when asked not to validate (nothing is stamped)', () => {
    const info = computeVersionInfo({ ...tagged, describe: 'vfoo' }, {}, { validate: false });
    expect(info).toMatchObject({ gitVersion: 'vfoo', buildDate: '2023-11-14T22:13:20Z' });
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a number', () => {
    expect(() => computeVersionInfo({}, { SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(
      'SOURCE_DATE_EPOCH "yesterday" is not a number of seconds since 1970: set it to e.g. $(git log -1 --format=%ct).',
    );
  });
});

const tagged = () => ({ describe: 'v1.2.3', commit: COMMIT, commitTime: 1700000000, status: '' });

describe('versionLdflags', () => {
  const pkgs = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'];

  it('prints one quoted -X per field and package in version.sh order', () => {
    const info = computeVersionInfo({ describe: 'v1.2.3', commit: COMMIT, commitTime: 0, status: '' }, {});
    expect(versionLdflags(info, pkgs)).toEqual([
      "-X 'k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z'",
      "-X 'k8s.io/client-go/pkg/version.buildDate=1970-01-01T00:00:00Z'",
      `-X 'k8s.io/component-base/version.gitCommit=${COMMIT}'`,
      `-X 'k8s.io/client-go/pkg/version.gitCommit=${COMMIT}'`,
      "-X 'k8s.io/component-base/version.gitTreeState=clean'",
      "-X 'k8s.io/client-go/pkg/version.gitTreeState=clean'",
      "-X 'k8s.io/component-base/version.gitVersion=v1.2.3'",
      "-X 'k8s.io/client-go/pkg/version.gitVersion=v1.2.3'",
      "-X 'k8s.io/component-base/version.gitMajor=1'",
      "-X 'k8s.io/client-go/pkg/version.gitMajor=1'",
      "-X 'k8s.io/component-base/version.gitMinor=2'",
      "-X 'k8s.io/client-go/pkg/version.gitMinor=2'",
    ]);
  });

  it('leaves unknown fields unstamped and stamps nothing without packages', () => {
    const info = computeVersionInfo({}, {});
    expect(versionLdflags(info, pkgs.slice(0, 1))).toEqual([
      "-X 'k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z'",
    ]);
    expect(versionLdflags(info, [])).toEqual([]);
  });

  it('stamps each kind a {package, vars} entry maps, under its variable names', () => {
    const info = computeVersionInfo({ describe: 'v1.2.5-1-g250a98a55c1d2e', commit: COMMIT, commitTime: 1700000000, status: '' }, {});
    const runc = { package: 'main', vars: { version: 'version', gitCommit: 'gitCommit' } };
    const podman = { package: 'github.com/containers/podman/v5/libpod/define', vars: { gitCommit: 'gitCommit', buildDateUnix: 'buildInfo' } };
    const etcd = { package: 'go.etcd.io/etcd/api/v3/version', vars: { gitCommitShort: 'GitSHA' } };
    expect(versionLdflags(info, [runc, podman, etcd])).toEqual([
      `-X 'main.gitCommit=${COMMIT}'`,
      `-X 'github.com/containers/podman/v5/libpod/define.gitCommit=${COMMIT}'`,
      "-X 'main.version=v1.2.5-1-g250a98a55c1d2e'",
      "-X 'go.etcd.io/etcd/api/v3/version.GitSHA=84c76d1142ea'",
      "-X 'github.com/containers/podman/v5/libpod/define.buildInfo=1700000000'",
    ]);
    expect(versionLdflags(computeVersionInfo(tagged(), { SOURCE_DATE_EPOCH: '42' }), [podman])).toContain(
      "-X 'github.com/containers/podman/v5/libpod/define.buildInfo=42'",
    );
  });

  it('asks for a semver tag only when gitVersion, gitMajor or gitMinor is stamped', () => {
    expect(stampsSemver(['k8s.io/component-base/version'])).toBe(true);
    expect(stampsSemver([{ package: 'x/v', vars: { gitMinor: 'Minor' } }])).toBe(true);
    expect(stampsSemver([{ package: 'main', vars: { version: 'version', gitCommit: 'gitCommit' } }])).toBe(false);
    expect(stampsSemver([])).toBe(false);
  });

  it('gives the container the epoch buildDate shows', () => {
    expect(sourceDateEpoch(computeVersionInfo({ commitTime: 1234 }, {}))).toBe('1234');
  });
});

describe('checkVersionPackages', () => {
  it('takes import paths and {package, vars} entries of known kinds', () => {
    const specs = ['k8s.io/component-base/version', { package: 'main', vars: { version: 'version', buildDateUnix: 'buildInfo' } }];
    expect(checkVersionPackages(specs)).toBe(specs);
    expect(checkVersionPackages(undefined)).toEqual([]);
  });

  it.each([
    [
      'a kind it does not know',
      [{ package: 'main', vars: { commit: 'gitCommit' } }],
      'versionPackages entry "main" maps unknown kind "commit": the keys of "vars" are kinds, one of gitVersion, gitCommit, gitTreeState, buildDate, gitMajor, gitMinor, version, gitCommitShort, buildDateUnix; the values are variable names.',
    ],
    [
      'a variable that is no Go name',
      [{ package: 'main', vars: { gitCommit: 'main.gitCommit' } }],
      'versionPackages entry "main" maps gitCommit to "main.gitCommit", which is no Go variable name: write the name of a string variable declared in that package.',
    ],
    [
      'an entry without a package',
      [{ vars: { gitCommit: 'c' } }],
      'versionPackages entry {"vars":{"gitCommit":"c"}} names no package: write an import path or {"package": "<import path>", "vars": {...}}.',
    ],
    [
      'no list',
      'main',
      'versionPackages "main" is not a list: write ["<import path>", {"package": "<import path>", "vars": {"<kind>": "<variable>"}}].',
    ],
  ])('refuses %s, naming it', (_, specs, message) => {
    expect(() => checkVersionPackages(specs)).toThrow(message);
  });
});
