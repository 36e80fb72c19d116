import { allProjects } from '../create-nodes';
import { fakeTree } from '../fixtures.spec-helpers';
import { packageGraph } from '../go/graph';
import { buildModel } from '../model';
import { KubeBuildPluginOptions, normalizeOptions } from '../options';

const main = (name: string) => ({ name: 'main', module: 'ws', importPath: `k8s.io/kubernetes/cmd/${name}` });
const tree = fakeTree([{ dir: 'ws', path: 'k8s.io/kubernetes' }], {
  'ws/cmd/kube-apiserver': main('kube-apiserver'),
  'ws/cmd/kube-proxy': main('kube-proxy'),
  'ws/cmd/kubelet': main('kubelet'),
  'ws/cmd/kubectl': main('kubectl'),
  'ws/cmd/kubemark': main('kubemark'),
});
const GROUPS: KubeBuildPluginOptions['groups'] = {
  server: { targets: ['kube-apiserver', 'kube-proxy', 'kubelet'], platforms: ['linux/amd64', 'linux/arm64'] },
  client: { targets: ['kubectl'], platforms: ['linux/amd64', 'linux/arm', 'darwin/arm64', 'windows/amd64'] },
};

function projects(opts: KubeBuildPluginOptions = {}) {
  const options = normalizeOptions({ groups: GROUPS, ...opts });
  const model = buildModel(tree, packageGraph(tree), options);
  return { byName: Object.fromEntries(Object.values(allProjects(model, options)).map((p) => [p.name!, p])), model };
}
const withImage = (byName: ReturnType<typeof projects>['byName']) =>
  Object.keys(byName)
    .filter((n) => byName[n].targets?.image)
    .sort();

describe('image target', () => {
  it('goes by default to the Kubernetes image binaries that exist (KUBE_SERVER_IMAGE_TARGETS and kubectl)', () => {
    const { byName, model } = projects();
    expect(withImage(byName)).toEqual(['kube-apiserver', 'kube-proxy', 'kubectl']);
    expect(model.warnings).toEqual([]);
  });

  it('has one configuration per linux platform of the binary, writing release-images/<arch>', () => {
    const { byName } = projects();
    const t = byName['kubectl'].targets!.image;
    expect(Object.keys(t.configurations!)).toEqual(['linux-amd64', 'linux-arm']);
    expect(t.configurations!['linux-arm']).toEqual({
      platform: 'linux/arm',
      archivePath: 'ws/_output/release-images/arm/kubectl.tar',
      tagFile: 'ws/_output/release-images/arm/kubectl.docker_tag',
    });
    expect(t).toMatchObject({
      executor: 'nx-kube-build:image',
      cache: true,
      outputs: ['{options.archivePath}', '{options.tagFile}'],
      options: { moduleRoot: 'ws', binaryName: 'kubectl', buildTarget: 'build' },
    });
    expect(t.dependsOn).toBeUndefined();
  });

  it('hashes what makes the binary plus the registry and the version facts of the labels', () => {
    const { byName } = projects();
    const inputs = byName['kube-proxy'].targets!.image.inputs!;
    expect(inputs.slice(0, 2)).toEqual(['goBuild', '^goBuild']);
    expect(inputs).toEqual(
      expect.arrayContaining([
        '{workspaceRoot}/ws/go.mod',
        { env: 'GOFLAGS' },
        { env: 'KUBE_DOCKER_REGISTRY' },
        { env: 'SOURCE_DATE_EPOCH' },
        { env: 'KUBE_GIT_VERSION' },
        { runtime: expect.stringContaining('git describe') },
      ]),
    );
    expect(new Set(inputs.map((i) => JSON.stringify(i))).size).toBe(inputs.length);
  });

  it('follows the images option, and warns about a name that is no binary or has no linux platform', () => {
    const { byName, model } = projects({
      images: ['kubelet', 'cmd/kubemark', 'kube-scheduler'],
      groups: { ...GROUPS, extra: { targets: ['kubemark'], platforms: ['darwin/arm64'] } },
    });
    expect(withImage(byName)).toEqual(['kubelet']);
    expect(model.warnings).toEqual([
      'images lists "cmd/kubemark", but kubemark builds for no linux platform, so it gets no image target; add it to a group with linux platforms.',
      'images lists "kube-scheduler", which is no binary; binaries are kube-apiserver, kube-proxy, kubectl, kubelet, kubemark.',
    ]);
    // By directory too, for a binary in no group that builds for linux.
    expect(withImage(projects({ images: ['cmd/kubemark'], defaultPlatforms: ['linux/amd64'] }).byName)).toEqual(['kubemark']);
  });

  it('passes a module-relative baseImage archive workspace-relative, and hashes it', () => {
    const { byName } = projects({ baseImage: 'build/base.tar' });
    const t = byName['kube-proxy'].targets!.image;
    expect(t.options.baseImage).toBe('ws/build/base.tar');
    expect(t.inputs).toContain('{workspaceRoot}/ws/build/base.tar');
    const named = projects({ baseImage: 'gcr.io/distroless/static:nonroot' }).byName['kube-proxy'].targets!.image;
    expect(named.options.baseImage).toBe('gcr.io/distroless/static:nonroot');
    expect(named.inputs).toContainEqual({ runtime: "docker image inspect --format '{{.Id}}' 'gcr.io/distroless/static:nonroot' 2>/dev/null || true" });
  });

  it('takes each binary its baseImages entry (name or dir), else "*", else baseImage, and hashes each', () => {
    const { byName, model } = projects({
      baseImages: { 'kube-proxy': 'build/iptables.tar', 'cmd/kubectl': 'example.test/kubectl-base:1', '*': 'build/go-runner.tar' },
    });
    const base = (n: string) => byName[n].targets!.image.options.baseImage;
    expect([base('kube-proxy'), base('kubectl'), base('kube-apiserver')]).toEqual(['ws/build/iptables.tar', 'example.test/kubectl-base:1', 'ws/build/go-runner.tar']);
    expect(byName['kube-proxy'].targets!.image.inputs).toContain('{workspaceRoot}/ws/build/iptables.tar');
    expect(byName['kube-proxy'].targets!.image.inputs).not.toContain('{workspaceRoot}/ws/build/go-runner.tar');
    expect(byName['kube-proxy'].targets!.image.metadata!.description).toContain('FROM ws/build/iptables.tar');
    expect(model.warnings).toEqual([]);
    // baseImage is the "*" of baseImages.
    const fallback = projects({ baseImage: 'build/base.tar', baseImages: { 'kube-proxy': 'build/iptables.tar' } }).byName;
    expect(fallback['kube-apiserver'].targets!.image.options.baseImage).toBe('ws/build/base.tar');
    expect(fallback['kube-proxy'].targets!.image.options.baseImage).toBe('ws/build/iptables.tar');
  });

  it('fails on baseImage together with baseImages["*"], and warns about a key that is no image binary', () => {
    expect(() => projects({ baseImage: 'a.tar', baseImages: { '*': 'b.tar' } })).toThrow(
      'nx-kube-build in nx.json sets both baseImage ("a.tar") and baseImages["*"] ("b.tar"): baseImage is the "*" of baseImages, so keep one of them.',
    );
    expect(projects({ baseImages: { kubelet: 'x.tar' } }).model.warnings).toEqual([
      'baseImages has "kubelet", which is no binary with an image target; those are kube-apiserver, kube-proxy, kubectl (the images option).',
    ]);
  });

  it('tells the release which projects ship images', () => {
    const { byName } = projects();
    expect(byName['kubernetes'].targets!.release.options).toMatchObject({ images: ['kube-apiserver', 'kube-proxy', 'kubectl'], imageTarget: 'image' });
    expect(projects({ images: [] }).byName['kubernetes'].targets!.release.options.images).toEqual([]);
  });
});
