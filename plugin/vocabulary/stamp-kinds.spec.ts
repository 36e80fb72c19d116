import { kindOfScriptValue, kindOfVar } from './stamp-kinds';

describe('kindOfVar', () => {
  it.each([
    ['version', undefined, 'version'],
    ['Version', 'dev', 'version'],
    ['gitVersion', 'v0.0.0-master+$Format:%H$', 'gitVersion'],
    ['gitCommit', '', 'gitCommit'],
    ['commit', 'none', 'gitCommit'],
    ['GitCommit', undefined, 'gitCommit'],
    ['Revision', '', 'gitCommit'], // containerd's version.Revision
    ['GitSHA', 'Not provided', 'gitCommitShort'],
    ['gitSHA', undefined, 'gitCommitShort'],
    ['buildDate', undefined, 'buildDate'],
    ['date', 'unknown', 'buildDate'],
    ['BuildTime', undefined, 'buildDate'],
    ['buildInfo', undefined, 'buildDateUnix'],
    ['gitTreeState', undefined, 'gitTreeState'],
    ['gitMajor', '', 'gitMajor'],
    ['gitMinor', '', 'gitMinor'],
    ['Version', '0.0.0', 'version'],
    // A release number in the source is where the version comes from (etcd's Version = "3.6.0").
    ['Version', '3.6.0', undefined],
    ['version', 'v1.2', undefined],
    ['APIVersion', 'unknown', undefined],
    ['buildOrigin', '', undefined],
  ])('%s = %p → %p', (name, value, kind) => {
    expect(kindOfVar(name, value)).toBe(kind);
  });
});

describe('kindOfScriptValue', () => {
  it.each([
    ['GIT_COMMIT', '', 'gitCommit'],
    ['COMMIT', '$(shell git describe --dirty --long --always)', 'gitCommit'],
    ['VERSION', '$(shell cat ./VERSION)', 'version'],
    ['GIT_SHA', '$(git rev-parse --short HEAD)', 'gitCommitShort'],
    ['BUILD_INFO', '$(shell date "+%s")', 'buildDateUnix'],
    ['BUILD_DATE', "$(shell date -u +'%Y-%m-%dT%H:%M:%SZ')", 'buildDate'],
    ['REVISION', '$(shell git rev-parse HEAD)', 'gitCommit'],
    ['PREFIX', '/usr/local', undefined],
  ])('%s (%s) → %p', (name, definition, kind) => {
    expect(kindOfScriptValue(name, definition)).toBe(kind);
  });
});
