import { resolveImageSettings } from './settings';

describe('resolveImageSettings', () => {
  it('fills the Kubernetes paths and registry.k8s.io from the binary and platform', () => {
    expect(resolveImageSettings({ moduleRoot: 'workspace', binaryName: 'kube-proxy', platform: 'linux/arm64' }, {})).toEqual({
      moduleRoot: 'workspace',
      binary: 'kube-proxy',
      platform: { os: 'linux', arch: 'arm64' },
      configuration: 'linux-arm64',
      binaryPath: 'workspace/_output/dockerized/bin/linux/arm64/kube-proxy',
      archivePath: 'workspace/_output/release-images/arm64/kube-proxy.tar',
      tagFile: 'workspace/_output/release-images/arm64/kube-proxy.docker_tag',
      buildTarget: 'build',
      registry: 'registry.k8s.io',
      push: false,
    });
  });

  it('tells an archive base from an engine image name, and takes KUBE_DOCKER_REGISTRY', () => {
    const env = { KUBE_DOCKER_REGISTRY: '127.0.0.1:5000' };
    expect(resolveImageSettings({ binaryName: 'kubectl', platform: 'linux-amd64', baseImage: 'build/base.tar' }, env)).toMatchObject({
      baseImage: { kind: 'archive', path: 'build/base.tar' },
      registry: '127.0.0.1:5000',
      binaryPath: '_output/dockerized/bin/linux/amd64/kubectl',
    });
    expect(resolveImageSettings({ binaryName: 'kubectl', platform: 'linux/amd64', baseImage: 'gcr.io/distroless/static:nonroot' }, {}).baseImage).toEqual({
      kind: 'engine',
      name: 'gcr.io/distroless/static:nonroot',
    });
  });

  it.each([
    [{ binaryName: 'kubelet', platform: 'windows/amd64' }, 'Images are built for linux only, not windows/amd64; run the image target with a linux configuration such as -c linux-amd64.'],
    [{ binaryName: 'kubelet', platform: '' }, 'The image target of kubelet has no platform; run it with a configuration such as -c linux-amd64.'],
    [{ binaryName: 'cmd/kubelet', platform: 'linux/amd64' }, 'binaryName "cmd/kubelet" is not a file name; give the bare binary name, e.g. kube-proxy.'],
    [{ binaryName: 'kubelet', platform: 'linux/amd64', archivePath: 'out/kubelet.tgz' }, 'archivePath "out/kubelet.tgz" must end in .tar; name the docker-archive <binary>.tar.'],
    [
      { binaryName: 'kubelet', platform: 'linux/amd64', baseImage: 'Not An Image' },
      'baseImage "Not An Image" is neither a docker-archive (a path ending in .tar) nor an image name; give e.g. build/base.tar or gcr.io/distroless/static:nonroot.',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => resolveImageSettings(options, {})).toThrow(new Error(message));
  });

  it('takes the binary where the build target writes it, unless binaryPath says otherwise', () => {
    const buildOutput = (target: string, project: string, p: { os: string; arch: string }, name: string) =>
      project === 'kube-proxy' ? `_output/custom/${target}/${p.arch}/${name}` : undefined;
    const o = { binaryName: 'kube-proxy', platform: 'linux/arm64', buildTarget: 'compile' };
    expect(resolveImageSettings(o, {}, 'kube-proxy', buildOutput).binaryPath).toBe('_output/custom/compile/arm64/kube-proxy');
    expect(resolveImageSettings({ ...o, binaryPath: '_output/mine' }, {}, 'kube-proxy', buildOutput).binaryPath).toBe('_output/mine');
    expect(resolveImageSettings(o, {}, 'kubectl', buildOutput).binaryPath).toBe('_output/dockerized/bin/linux/arm64/kube-proxy');
  });
});
