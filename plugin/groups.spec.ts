import { DEFAULT_GROUP_PLATFORMS, groupsOf, platformsOf, resolveGroups } from './groups';
import { platformString } from './platforms';

describe('groups', () => {
  const groups = resolveGroups({
    client: { targets: ['kubectl'] },
    node: { targets: ['kubelet', 'kube-proxy'] },
    server: { targets: ['kubelet', 'staging/src/k8s.io/kube-aggregator'] },
  });

  it('orders groups as release tooling walks them and fills golang.sh platform lists', () => {
    expect(groups.map((g) => g.name)).toEqual(['server', 'node', 'client']);
    expect(groups[1].platforms.map(platformString)).toEqual([...DEFAULT_GROUP_PLATFORMS.node]);
  });

  it('matches members by name or by module-relative dir', () => {
    expect(groupsOf(groups, 'kubelet', 'cmd/kubelet').map((g) => g.name)).toEqual(['server', 'node']);
    expect(groupsOf(groups, 'kube-aggregator', 'staging/src/k8s.io/kube-aggregator').map((g) => g.name)).toEqual(['server']);
    expect(groupsOf(groups, 'other', 'cmd/other')).toEqual([]);
  });

  it('gives kubelet the union of server and node platforms', () => {
    expect(platformsOf(groupsOf(groups, 'kubelet', 'cmd/kubelet'), []).map(platformString)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/s390x',
      'linux/ppc64le',
      'windows/amd64',
    ]);
  });

  it('gives a binary in no group the host platform plus defaultPlatforms', () => {
    expect(platformsOf([], ['linux/arm64', 'linux/amd64'], { os: 'linux', arch: 'amd64' }).map(platformString)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
  });

  it('rejects a custom group without platforms', () => {
    expect(() => resolveGroups({ tools: { targets: ['x'] } })).toThrow('Group "tools" has no platforms: give it "platforms"');
  });

  it('honours explicit platform lists', () => {
    expect(resolveGroups({ server: { platforms: ['linux/amd64'] } })[0].platforms.map(platformString)).toEqual(['linux/amd64']);
  });
});

describe('DEFAULT_GROUP_PLATFORMS', () => {
  // KUBE_SUPPORTED_*_PLATFORMS as hack/lib/golang.sh lists them, copied here as written there.
  it('is hack/lib/golang.sh, list for list and in its order', () => {
    expect(DEFAULT_GROUP_PLATFORMS).toEqual({
      server: ['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le'],
      node: ['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le', 'windows/amd64'],
      client: [
        'linux/amd64', 'linux/386', 'linux/arm', 'linux/arm64', 'linux/s390x', 'linux/ppc64le',
        'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/386', 'windows/arm64',
      ],
      test: ['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le', 'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/arm64'],
      'test-server': ['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le'],
    });
  });
});
