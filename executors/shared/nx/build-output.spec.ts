import { parsePlatform } from '../../../plugin/platforms';
import { buildOutputOf } from './build-output';

describe('buildOutputOf', () => {
  const context = {
    projectsConfigurations: {
      version: 2,
      projects: {
        kubelet: {
          root: 'workspace/cmd/kubelet',
          targets: {
            build: {
              options: { moduleRoot: 'workspace', binaryName: 'kubelet', outputPath: 'workspace/_output/any/kubelet' },
              configurations: { 'linux-arm64': { outputPath: 'workspace/_output/arm/kubelet' }, 'linux-amd64': {} },
            },
          },
        },
        kubectl: {
          root: 'cmd/kubectl',
          targets: {
            build: { options: { moduleRoot: '', binaryName: 'kubectl' }, configurations: { 'windows-amd64': {} } },
            local: { options: { moduleRoot: '.', binaryName: 'kubectl', mode: 'host', outputPath: '_output/x/kubectl' } },
            hostout: { options: { moduleRoot: '', mode: 'host', localOutputPath: '_output/mine/kubectl' } },
          },
        },
      },
    },
  };
  it.each([
    ['build', 'kubelet', 'linux/arm64', 'workspace/_output/arm/kubelet'],
    ['build', 'kubelet', 'linux/amd64', 'workspace/_output/any/kubelet'],
    ['build', 'kubectl', 'windows/amd64', '_output/dockerized/bin/windows/amd64/kubectl.exe'],
    ['local', 'kubectl', 'linux/amd64', '_output/local/bin/linux/amd64/kubectl'],
    ['hostout', 'kubectl', 'linux/amd64', '_output/mine/kubectl'],
    ['build', 'kube-proxy', 'linux/amd64', undefined],
    ['compile', 'kubelet', 'linux/amd64', undefined],
  ])('%s of %s for %s → %s', (target, project, platform, want) => {
    expect(buildOutputOf(context)(target, project, parsePlatform(platform), project)).toBe(want);
  });
});
