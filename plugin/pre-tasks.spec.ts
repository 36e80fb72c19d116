import { checkRequestedConfiguration, requestedTask } from './pre-tasks';

const argv = (...args: string[]) => ['/usr/bin/node', '/repo/node_modules/nx/bin/nx.js', ...args];

describe('requestedTask', () => {
  it.each<[string[], ReturnType<typeof requestedTask>]>([
    [['run', 'kubelet:build:linux-mips'], { project: 'kubelet', target: 'build', configuration: 'linux-mips' }],
    [['kubelet:build:linux-arm64', '--skip-nx-cache'], { project: 'kubelet', target: 'build', configuration: 'linux-arm64' }],
    [['run', 'kubelet:build', '-c', 'linux-arm64'], { project: 'kubelet', target: 'build', configuration: 'linux-arm64' }],
    [['run', 'kubelet:build', '--configuration=linux-arm64'], { project: 'kubelet', target: 'build', configuration: 'linux-arm64' }],
    [['run', 'kubelet:build'], undefined],
    [['run-many', '-t', 'build', '-c', 'linux-arm64'], undefined],
    [['show', 'projects'], undefined],
    [['run'], undefined],
  ])('%j', (args, expected) => {
    expect(requestedTask(argv(...args))).toEqual(expected);
  });
});

describe('checkRequestedConfiguration', () => {
  const targets = {
    build: { executor: 'nx-kube-build:go-build', configurations: { 'linux-amd64': {}, 'linux-arm64': {} } },
    narrowed: { executor: 'nx-kube-build:go-build', configurations: {} },
    other: { executor: 'nx:run-commands', configurations: {} },
    test: { executor: 'nx-kube-build:go-test' },
  };
  const task = (target: string, configuration: string) => ({ project: 'kubelet', target, configuration });

  it('accepts a configuration the target has, and targets of other plugins', () => {
    expect(() => checkRequestedConfiguration(task('build', 'linux-arm64'), targets)).not.toThrow();
    expect(() => checkRequestedConfiguration(task('other', 'anything'), targets)).not.toThrow();
    expect(() => checkRequestedConfiguration(task('test', 'ci'), targets)).not.toThrow();
    expect(() => checkRequestedConfiguration(task('missing', 'x'), targets)).not.toThrow();
    expect(() => checkRequestedConfiguration(task('build', 'x'), undefined)).not.toThrow();
  });

  it.each([
    ['build', 'linux-mips', 'Configuration "linux-mips" does not exist for kubelet:build: use one of linux-amd64, linux-arm64.'],
    ['narrowed', 'linux-amd64', 'Configuration "linux-amd64" does not exist for kubelet:narrowed: it has none.'],
  ])('rejects %s:%s', (target, configuration, message) => {
    expect(() => checkRequestedConfiguration(task(target, configuration), targets)).toThrow(message);
  });
});
