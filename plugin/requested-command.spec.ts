import { requestedMany, selectedProjects } from './requested-command';

const argv = (...args: string[]) => ['/usr/bin/node', '/repo/node_modules/nx/bin/nx.js', ...args];
const isTarget = (target: string, project: string) => target === 'build' && ['kubelet', 'kubectl'].includes(project);

describe('requestedMany', () => {
  it.each<[string[], ReturnType<typeof requestedMany>]>([
    [['run-many', '-t', 'build', '-c', 'linux-mips'], { command: 'run-many', targets: ['build'], configuration: 'linux-mips', projects: undefined, exclude: [] }],
    [
      ['run-many', '--targets=build,test', '--configuration=linux-arm64', '-p', 'kubelet', 'kubectl', '--exclude', 'x'],
      { command: 'run-many', targets: ['build', 'test'], configuration: 'linux-arm64', projects: ['kubelet', 'kubectl'], exclude: ['x'] },
    ],
    [['run-many', '-t', 'build', '--projects=tag:go:binary', '-c', 'linux-arm64'], { command: 'run-many', targets: ['build'], configuration: 'linux-arm64', projects: ['tag:go:binary'], exclude: [] }],
    [['affected', '-t', 'build', '-c', 'linux-mips', '--base=HEAD~1'], { command: 'affected', targets: ['build'], configuration: 'linux-mips', projects: undefined, exclude: [] }],
    [['build', 'kubelet', '-c', 'linux-mips'], { command: 'target', targets: ['build'], configuration: 'linux-mips', projects: ['kubelet'], exclude: [] }],
    [['build', 'kubelet', '--configuration', 'linux-mips'], { command: 'target', targets: ['build'], configuration: 'linux-mips', projects: ['kubelet'], exclude: [] }],
    [['run-many', '-t', 'build'], undefined],
    [['build', 'nope', '-c', 'x'], undefined],
    [['show', 'projects', '-c', 'x'], undefined],
  ])('%j', (args, expected) => {
    expect(requestedMany(argv(...args), isTarget)).toEqual(expected);
  });
});

describe('selectedProjects', () => {
  const all = [
    { name: 'kubelet', tags: ['go:binary', 'go:group:node'] },
    { name: 'kubectl', tags: ['go:binary', 'go:group:client'] },
    { name: 'k8s.io/kubernetes/pkg/api', tags: ['go:package'] },
  ];
  const req = (projects: string[] | undefined, exclude: string[] = []) => ({ command: 'run-many' as const, targets: ['build'], configuration: 'c', projects, exclude });
  const names = (r: { name: string }[]) => r.map((p) => p.name);
  it('selects every project by default, minus --exclude', () => {
    expect(names(selectedProjects(req(undefined), all))).toEqual(['kubelet', 'kubectl', 'k8s.io/kubernetes/pkg/api']);
    expect(names(selectedProjects(req(undefined, ['kubectl']), all))).toEqual(['kubelet', 'k8s.io/kubernetes/pkg/api']);
  });
  it('names, globs, tags and negations', () => {
    expect(names(selectedProjects(req(['kubelet']), all))).toEqual(['kubelet']);
    expect(names(selectedProjects(req(['kube*']), all))).toEqual(['kubelet', 'kubectl']);
    expect(names(selectedProjects(req(['tag:go:binary', '!kubectl']), all))).toEqual(['kubelet']);
    expect(names(selectedProjects(req(['tag:go:group:*']), all))).toEqual(['kubelet', 'kubectl']);
  });
});
