import type { ReleaseGroup } from '../types';
import { planRelease, PlanInput, ReleasePlan } from './plan';

const SERVER = ['linux/amd64', 'linux/arm64'];
const groups = (): Record<string, ReleaseGroup> => ({
  server: { binaries: [{ project: 'kube-apiserver', name: 'kube-apiserver' }], platforms: SERVER },
  node: {
    binaries: [
      { project: 'kubelet', name: 'kubelet' },
      { project: 'kube-proxy', name: 'kube-proxy' },
    ],
    platforms: [...SERVER, 'windows/amd64'],
  },
  client: { binaries: [{ project: 'kubectl', name: 'kubectl' }], platforms: [...SERVER, 'darwin/arm64', 'windows/amd64'] },
  test: { binaries: [{ project: 'e2e.test', name: 'e2e.test' }], platforms: ['linux/amd64', 'darwin/arm64'] },
  'test-server': { binaries: [{ project: 'e2e_node.test', name: 'e2e_node.test' }], platforms: ['linux/amd64'] },
});

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  name: 'kubernetes',
  moduleRoot: 'workspace',
  groups: groups(),
  hostOnly: false,
  env: {},
  host: { os: 'linux', arch: 'amd64' },
  ...over,
});

/** file → entries, the shape a reader checks against release.sh. */
const layout = (plan: ReleasePlan) => Object.fromEntries(plan.tarballs.map((t) => [t.file, t.binaries.map((b) => b.entry)]));

describe('planRelease', () => {
  it('lays out tarballs as kube::release::package_tarballs does', () => {
    const plan = planRelease(input());
    expect(layout(plan)).toEqual({
      'kubernetes-client-darwin-arm64.tar.gz': ['kubernetes/client/bin/kubectl'],
      'kubernetes-client-linux-amd64.tar.gz': ['kubernetes/client/bin/kubectl'],
      'kubernetes-client-linux-arm64.tar.gz': ['kubernetes/client/bin/kubectl'],
      'kubernetes-client-windows-amd64.tar.gz': ['kubernetes/client/bin/kubectl.exe'],
      'kubernetes-node-linux-amd64.tar.gz': ['kubernetes/node/bin/kube-proxy', 'kubernetes/node/bin/kubectl', 'kubernetes/node/bin/kubelet'],
      'kubernetes-node-linux-arm64.tar.gz': ['kubernetes/node/bin/kube-proxy', 'kubernetes/node/bin/kubectl', 'kubernetes/node/bin/kubelet'],
      'kubernetes-node-windows-amd64.tar.gz': [
        'kubernetes/node/bin/kube-proxy.exe',
        'kubernetes/node/bin/kubectl.exe',
        'kubernetes/node/bin/kubelet.exe',
      ],
      'kubernetes-server-linux-amd64.tar.gz': ['kubernetes/server/bin/kube-apiserver', 'kubernetes/server/bin/kubectl'],
      'kubernetes-server-linux-arm64.tar.gz': ['kubernetes/server/bin/kube-apiserver', 'kubernetes/server/bin/kubectl'],
      'kubernetes-test-darwin-arm64.tar.gz': ['kubernetes/test/bin/e2e.test'],
      'kubernetes-test-linux-amd64.tar.gz': ['kubernetes/test/bin/e2e.test', 'kubernetes/test/bin/e2e_node.test'],
    });
    expect(plan.notes).toEqual([]);
  });

  it('reads binaries from the dockerized output of their platform, .exe on windows', () => {
    const plan = planRelease(input());
    const node = plan.tarballs.find((t) => t.file === 'kubernetes-node-windows-amd64.tar.gz');
    expect(node?.binaries).toEqual([
      {
        project: 'kube-proxy',
        name: 'kube-proxy',
        source: 'workspace/_output/dockerized/bin/windows/amd64/kube-proxy.exe',
        entry: 'kubernetes/node/bin/kube-proxy.exe',
      },
      {
        project: 'kubectl',
        name: 'kubectl',
        source: 'workspace/_output/dockerized/bin/windows/amd64/kubectl.exe',
        entry: 'kubernetes/node/bin/kubectl.exe',
      },
      {
        project: 'kubelet',
        name: 'kubelet',
        source: 'workspace/_output/dockerized/bin/windows/amd64/kubelet.exe',
        entry: 'kubernetes/node/bin/kubelet.exe',
      },
    ]);
    const root = planRelease(input({ moduleRoot: '' }));
    expect(root.tarballs[0].binaries[0].source).toBe('_output/dockerized/bin/darwin/arm64/kubectl');
  });

  it('builds each platform once with every project it needs', () => {
    expect(planRelease(input()).builds).toEqual([
      {
        platform: { os: 'linux', arch: 'amd64' },
        configuration: 'linux-amd64',
        projects: ['e2e.test', 'e2e_node.test', 'kube-apiserver', 'kube-proxy', 'kubectl', 'kubelet'],
      },
      { platform: { os: 'linux', arch: 'arm64' }, configuration: 'linux-arm64', projects: ['kube-apiserver', 'kube-proxy', 'kubectl', 'kubelet'] },
      { platform: { os: 'windows', arch: 'amd64' }, configuration: 'windows-amd64', projects: ['kube-proxy', 'kubectl', 'kubelet'] },
      { platform: { os: 'darwin', arch: 'arm64' }, configuration: 'darwin-arm64', projects: ['e2e.test', 'kubectl'] },
    ]);
  });

  it('keeps only the host platform when hostOnly', () => {
    const plan = planRelease(input({ hostOnly: true, host: { os: 'darwin', arch: 'arm64' } }));
    expect(Object.keys(layout(plan))).toEqual(['kubernetes-client-darwin-arm64.tar.gz', 'kubernetes-test-darwin-arm64.tar.gz']);
    expect(plan.builds.map((b) => b.configuration)).toEqual(['darwin-arm64']);
    expect(plan.notes).toEqual([
      'Group server packages nothing: none of its platforms (linux/amd64, linux/arm64) is being released.',
      'Group node packages nothing: none of its platforms (linux/amd64, linux/arm64, windows/amd64) is being released.',
      'Group test-server packages nothing: none of its platforms (linux/amd64) is being released.',
    ]);
  });

  it('narrows to KUBE_BUILD_PLATFORMS', () => {
    const plan = planRelease(input({ env: { KUBE_BUILD_PLATFORMS: 'linux/arm64 windows/amd64' } }));
    expect(Object.keys(layout(plan))).toEqual([
      'kubernetes-client-linux-arm64.tar.gz',
      'kubernetes-client-windows-amd64.tar.gz',
      'kubernetes-node-linux-arm64.tar.gz',
      'kubernetes-node-windows-amd64.tar.gz',
      'kubernetes-server-linux-arm64.tar.gz',
    ]);
  });

  it('narrows to the host with KUBE_FASTBUILD=true', () => {
    const plan = planRelease(input({ env: { KUBE_FASTBUILD: 'true' }, host: { os: 'linux', arch: 'arm64' } }));
    expect(plan.platforms).toEqual([{ os: 'linux', arch: 'arm64' }]);
    expect(Object.keys(layout(plan))).toEqual([
      'kubernetes-client-linux-arm64.tar.gz',
      'kubernetes-node-linux-arm64.tar.gz',
      'kubernetes-server-linux-arm64.tar.gz',
    ]);
  });

  it('fails, naming what was asked and what exists, when narrowing leaves nothing', () => {
    expect(() => planRelease(input({ env: { KUBE_BUILD_PLATFORMS: 'linux/s390x' } }))).toThrow(
      new Error(
        'KUBE_BUILD_PLATFORMS="linux/s390x" leaves no platform for the release: it supports linux/amd64, linux/arm64, windows/amd64, darwin/arm64.',
      ),
    );
    expect(() => planRelease(input({ hostOnly: true, host: { os: 'linux', arch: 's390x' } }))).toThrow(
      new Error(
        'hostOnly keeps only the host platform linux/s390x, which no release group builds: they build linux/amd64, linux/arm64, windows/amd64, darwin/arm64; run the full release instead.',
      ),
    );
  });

  it('writes server tarballs only for linux, and says so', () => {
    const g = groups();
    g.server.platforms = ['linux/amd64', 'windows/amd64'];
    const plan = planRelease(input({ groups: g }));
    expect(plan.tarballs.map((t) => t.file)).not.toContain('kubernetes-server-windows-amd64.tar.gz');
    expect(plan.notes).toEqual(['Group server gets no tarball for windows/amd64: only linux platforms have server tarballs.']);
  });

  it('puts client binaries into a server or node tarball only where the client group builds that platform', () => {
    const g = groups();
    g.client.platforms = ['linux/amd64'];
    const plan = planRelease(input({ groups: g }));
    expect(layout(plan)['kubernetes-server-linux-arm64.tar.gz']).toEqual(['kubernetes/server/bin/kube-apiserver']);
    expect(layout(plan)['kubernetes-node-linux-arm64.tar.gz']).toEqual(['kubernetes/node/bin/kube-proxy', 'kubernetes/node/bin/kubelet']);
    expect(layout(plan)['kubernetes-server-linux-amd64.tar.gz']).toEqual([
      'kubernetes/server/bin/kube-apiserver',
      'kubernetes/server/bin/kubectl',
    ]);
  });

  it('gives any other group a tarball of its own name and honours per-binary platforms', () => {
    const plan = planRelease(
      input({
        name: 'sample',
        groups: {
          default: {
            binaries: [
              { project: 'tool', name: 'tool', platforms: ['linux/amd64'] },
              { project: 'helper', name: 'helper' },
            ],
            platforms: ['linux/amd64', 'linux/arm64'],
          },
        },
      }),
    );
    expect(layout(plan)).toEqual({
      'sample-default-linux-amd64.tar.gz': ['sample/default/bin/helper', 'sample/default/bin/tool'],
      'sample-default-linux-arm64.tar.gz': ['sample/default/bin/helper'],
    });
    expect(plan.builds.map((b) => [b.configuration, b.projects])).toEqual([
      ['linux-amd64', ['helper', 'tool']],
      ['linux-arm64', ['helper']],
    ]);
  });

  it('writes no tarball for a group without binaries', () => {
    const plan = planRelease(input({ groups: { server: { binaries: [], platforms: SERVER } } }));
    expect(plan).toEqual({ platforms: [], tarballs: [], builds: [], imageBuilds: [], notes: [] });
  });

  it('rejects two projects shipping one file name in one tarball', () => {
    const g = groups();
    g.client.binaries.push({ project: 'other-kubectl', name: 'kubectl' });
    expect(() => planRelease(input({ groups: g }))).toThrow(
      new Error('Projects kubectl and other-kubectl both put kubectl into kubernetes-client-linux-amd64.tar.gz (group client); rename one binary.'),
    );
  });

  it('rejects a binary name that is a path', () => {
    expect(() =>
      planRelease(input({ groups: { client: { binaries: [{ project: 'x', name: 'cmd/x' }], platforms: ['linux/amd64'] } } })),
    ).toThrow(new Error('Binary "cmd/x" of release group "client" is not a file name; give the bare binary name, e.g. kubelet.'));
  });

  it('rejects an unknown platform with the valid ones', () => {
    expect(() =>
      planRelease(input({ groups: { client: { binaries: [{ project: 'x', name: 'x' }], platforms: ['linux/x64'] } } })),
    ).toThrow(/^"linux\/x64" is not a Go platform: write it as <os>\/<arch>, one of aix\/ppc64, /);
  });
  describe('images (build/lib/release.sh)', () => {
    const withImages = (over: Partial<PlanInput> = {}) => planRelease(input({ images: ['kube-apiserver', 'kubectl', 'kube-proxy'], ...over }));
    const imagesOf = (plan: ReleasePlan) =>
      Object.fromEntries(plan.tarballs.filter((t) => t.images.length > 0).map((t) => [t.file, t.images.map((f) => [f.entry, f.source])]));

    it('puts <binary>.tar and <binary>.docker_tag next to each image binary of each linux server tarball', () => {
      const plan = withImages();
      expect(imagesOf(plan)).toEqual({
        'kubernetes-server-linux-amd64.tar.gz': [
          ['kubernetes/server/bin/kube-apiserver.docker_tag', 'workspace/_output/release-images/amd64/kube-apiserver.docker_tag'],
          ['kubernetes/server/bin/kube-apiserver.tar', 'workspace/_output/release-images/amd64/kube-apiserver.tar'],
          ['kubernetes/server/bin/kubectl.docker_tag', 'workspace/_output/release-images/amd64/kubectl.docker_tag'],
          ['kubernetes/server/bin/kubectl.tar', 'workspace/_output/release-images/amd64/kubectl.tar'],
        ],
        'kubernetes-server-linux-arm64.tar.gz': [
          ['kubernetes/server/bin/kube-apiserver.docker_tag', 'workspace/_output/release-images/arm64/kube-apiserver.docker_tag'],
          ['kubernetes/server/bin/kube-apiserver.tar', 'workspace/_output/release-images/arm64/kube-apiserver.tar'],
          ['kubernetes/server/bin/kubectl.docker_tag', 'workspace/_output/release-images/arm64/kubectl.docker_tag'],
          ['kubernetes/server/bin/kubectl.tar', 'workspace/_output/release-images/arm64/kubectl.tar'],
        ],
      });
      // The binaries themselves are unchanged; node and client tarballs get no images.
      expect(layout(plan)).toEqual(layout(planRelease(input())));
    });

    it('builds the images per platform after the binaries, only for projects that ship one', () => {
      const plan = withImages();
      expect(plan.imageBuilds).toEqual([
        { platform: { os: 'linux', arch: 'amd64' }, configuration: 'linux-amd64', projects: ['kube-apiserver', 'kubectl'] },
        { platform: { os: 'linux', arch: 'arm64' }, configuration: 'linux-arm64', projects: ['kube-apiserver', 'kubectl'] },
      ]);
      expect(plan.builds).toEqual(planRelease(input()).builds);
    });

    it('says which image ships in no server tarball', () => {
      expect(withImages().notes).toEqual([
        'The image of kube-proxy ships in no tarball: only binaries of linux server tarballs get their images packaged.',
      ]);
    });

    it('builds images for the host platform only with hostOnly (quick-release-images)', () => {
      const plan = withImages({ hostOnly: true, images: ['kube-apiserver'] });
      expect(plan.imageBuilds).toEqual([{ platform: { os: 'linux', arch: 'amd64' }, configuration: 'linux-amd64', projects: ['kube-apiserver'] }]);
      expect(Object.keys(imagesOf(plan))).toEqual(['kubernetes-server-linux-amd64.tar.gz']);
    });

    it('packages no image when no project has one', () => {
      const plan = planRelease(input());
      expect(plan.imageBuilds).toEqual([]);
      expect(plan.tarballs.every((t) => t.images.length === 0)).toBe(true);
    });
  });
});

describe('planRelease reads each binary where its build target writes it', () => {
  it('takes the build target outputPath over the layout, and the layout where there is none', () => {
    const plan = planRelease(
      input({
        binarySource: (project, p) => (project === 'kubelet' ? `workspace/_output/custom/${p.arch}/kubelet` : undefined),
      }),
    );
    const node = plan.tarballs.find((t) => t.file === 'kubernetes-node-linux-arm64.tar.gz')!;
    expect(node.binaries.map((b) => [b.entry, b.source])).toEqual([
      ['kubernetes/node/bin/kube-proxy', 'workspace/_output/dockerized/bin/linux/arm64/kube-proxy'],
      ['kubernetes/node/bin/kubectl', 'workspace/_output/dockerized/bin/linux/arm64/kubectl'],
      ['kubernetes/node/bin/kubelet', 'workspace/_output/custom/arm64/kubelet'],
    ]);
  });
});
