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
              options: { outputPath: 'workspace/_output/any/kubelet' },
              configurations: { 'linux-arm64': { outputPath: 'workspace/_output/arm/kubelet' }, 'linux-amd64': {} },
            },
          },
        },
      },
    },
  };
  it.each([
    ['build', 'kubelet', 'linux-arm64', 'workspace/_output/arm/kubelet'],
    ['build', 'kubelet', 'linux-amd64', 'workspace/_output/any/kubelet'],
    ['build', 'kubectl', 'linux-amd64', undefined],
    ['compile', 'kubelet', 'linux-amd64', undefined],
  ])('%s of %s -c %s → %s', (target, project, configuration, want) => {
    expect(buildOutputOf(context)(target, project, configuration)).toBe(want);
  });
});
