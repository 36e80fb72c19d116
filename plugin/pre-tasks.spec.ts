import { checkManyConfiguration, checkRequestedConfiguration, ProjectTargets, requestedTask } from './pre-tasks';

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

describe('checkManyConfiguration', () => {
  const build = (configurations: string[], extra: Record<string, unknown> = {}) => ({
    executor: 'nx-kube-build:go-build',
    defaultConfiguration: configurations.includes('linux-amd64') ? 'linux-amd64' : undefined,
    configurations: Object.fromEntries(configurations.map((c) => [c, {}])),
    ...extra,
  });
  const projects: ProjectTargets[] = [
    { name: 'kubelet', tags: ['go:binary'], targets: { build: build(['linux-amd64', 'linux-arm64', 'windows-amd64']), test: { executor: 'nx-kube-build:go-test' } } },
    {
      name: 'kube-apiserver',
      tags: ['go:binary'],
      targets: { build: build(['linux-amd64', 'linux-arm64'], { metadata: { platforms: { dropped: { 'windows/amd64': 'package k8s.io/x/linuxonly (imported by ./cmd/kube-apiserver) has no Go file for windows/amd64' } } } }) },
    },
    // A darwin-only helper: no default configuration, so Nx runs it unconfigured and the executor says why it builds nothing.
    { name: 'mac-helper', tags: ['go:binary'], targets: { build: build(['darwin-arm64']) } },
    { name: 'web', tags: [], targets: { build: { executor: 'nx:run-commands', configurations: { production: {} } } } },
  ];
  const req = (configuration: string, more: Partial<Parameters<typeof checkManyConfiguration>[0]> = {}) => ({
    command: 'run-many' as const,
    targets: ['build'],
    configuration,
    exclude: [],
    ...more,
  });

  it('accepts a configuration every selected go-build has, or that the rest run unconfigured', () => {
    expect(() => checkManyConfiguration(req('linux-arm64'), projects)).not.toThrow();
    expect(() => checkManyConfiguration(req('windows-amd64', { exclude: ['kube-apiserver'] }), projects)).not.toThrow();
    expect(() => checkManyConfiguration(req('windows-amd64', { projects: ['kubelet'] }), projects)).not.toThrow();
    expect(() => checkManyConfiguration(req('production', { targets: ['test'] }), projects)).not.toThrow();
  });

  it('an unknown configuration names the ones that exist', () => {
    expect(() => checkManyConfiguration(req('linux-mips'), projects)).toThrow(
      'Configuration "linux-mips" does not exist for build of any project run-many selects: use one of darwin-arm64, linux-amd64, linux-arm64, windows-amd64.',
    );
    expect(() => checkManyConfiguration(req('linux-mips', { command: 'affected' }), projects)).toThrow(/of any project affected selects/);
  });

  it('a real platform one project cannot build names it, why, and how to leave it out: never its default platform', () => {
    expect(() => checkManyConfiguration(req('windows-amd64'), projects)).toThrow(
      '-c windows-amd64 is not a configuration of 1 selected task(s), which Nx would run for their default configuration instead: kube-apiserver:build (package k8s.io/x/linuxonly (imported by ./cmd/kube-apiserver) has no Go file for windows/amd64). Leave them out with --exclude=kube-apiserver, or choose projects with -p.',
    );
  });
});
