import { parsePlatform } from '../platforms';
import { binaryFileName, binaryOutputPath, builtBinaryPath, imageArchivePath, imageTagFilePath, releasePaths } from './layout';

describe('the output layout (build/common.sh, build/lib/release.sh)', () => {
  it.each([
    ['workspace', 'dockerized', 'linux/amd64', 'kubelet', 'workspace/_output/dockerized/bin/linux/amd64/kubelet'],
    ['', 'dockerized', 'linux/arm64', 'kubectl', '_output/dockerized/bin/linux/arm64/kubectl'],
    ['services', 'local', 'windows/amd64', 'shopctl', 'services/_output/local/bin/windows/amd64/shopctl.exe'],
  ] as const)('binary of module %p, %s, %s, %s → %s', (moduleRoot, kind, platform, name, want) => {
    expect(binaryOutputPath(moduleRoot, kind, parsePlatform(platform), name)).toBe(want);
  });

  it.each([
    [{}, 'ws/_output/dockerized/bin/linux/arm64/kubelet', 'outputPath'],
    [{ outputPath: '' }, 'ws/_output/dockerized/bin/linux/arm64/kubelet', 'outputPath'],
    [{ outputPath: 'ws/_output/custom/kubelet', localOutputPath: 'ws/_output/l' }, 'ws/_output/custom/kubelet', 'outputPath'],
    [{ mode: 'host' }, 'ws/_output/local/bin/linux/arm64/kubelet', 'localOutputPath'],
    [{ mode: 'host', outputPath: 'ws/_output/custom/kubelet', localOutputPath: 'ws/_output/l' }, 'ws/_output/l', 'localOutputPath'],
  ])('a build target with %j writes %s (%s)', (options, want, option) => {
    expect(builtBinaryPath(options, 'ws', parsePlatform('linux/arm64'), 'kubelet')).toEqual({ path: want, option });
  });

  it('adds .exe on windows only', () => {
    expect(binaryFileName('kubectl', parsePlatform('windows/arm64'))).toBe('kubectl.exe');
    expect(binaryFileName('kubectl', parsePlatform('darwin/arm64'))).toBe('kubectl');
  });

  it('puts images under release-images/<arch>', () => {
    expect(imageArchivePath('workspace', 'arm64', 'kube-proxy')).toBe('workspace/_output/release-images/arm64/kube-proxy.tar');
    expect(imageTagFilePath('', 'amd64', 'kubectl')).toBe('_output/release-images/amd64/kubectl.docker_tag');
  });

  it('keeps the release under the module _output', () => {
    expect(releasePaths('workspace')).toEqual({
      stage: 'workspace/_output/release-stage',
      releaseTars: 'workspace/_output/release-tars',
    });
    expect(releasePaths('').releaseTars).toBe('_output/release-tars');
  });
});
