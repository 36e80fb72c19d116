import { assertTasksInGraph, checkNamedTasks, groupByConfiguration, mergeTaskGraphs, NamedTask, TaskGraphLike } from './task-selection';

const t = (project: string, configuration: string, target = 'build'): NamedTask => ({ project, target, configuration });
const configs: Record<string, Record<string, string[]>> = {
  kubelet: { build: ['linux-amd64', 'linux-arm64'], cross: [] },
  kubectl: { build: ['linux-amd64', 'windows-amd64'] },
};
const configurationsOf = (p: string, target: string) => configs[p]?.[target];

/** A task graph as createTaskGraph gives for one configuration: each build depends on the image build. */
function graph(configuration: string, projects: string[]): TaskGraphLike {
  const g: TaskGraphLike = { roots: ['k8s:build-image'], tasks: {}, dependencies: { 'k8s:build-image': [] }, continuousDependencies: { 'k8s:build-image': [] } };
  g.tasks['k8s:build-image'] = { id: 'k8s:build-image', target: { project: 'k8s', target: 'build-image' } };
  for (const p of projects) {
    const id = `${p}:build:${configuration}`;
    g.tasks[id] = { id, target: { project: p, target: 'build', configuration } };
    g.dependencies[id] = [{ id: 'k8s:build-image' }];
    g.continuousDependencies[id] = [];
  }
  return g;
}

describe('checkNamedTasks', () => {
  it('accepts tasks whose configuration exists', () => {
    expect(() => checkNamedTasks([t('kubelet', 'linux-arm64'), t('kubectl', 'windows-amd64')], configurationsOf)).not.toThrow();
  });

  it.each<[NamedTask[], string]>([
    [[], 'No tasks were given to run; name at least one project:target:configuration.'],
    [[t('kubelet', 'windows-amd64')], 'Cannot run kubelet:build:windows-amd64: kubelet:build has no configuration "windows-amd64"; it has linux-amd64, linux-arm64.'],
    [[t('kubelet', 'linux-amd64', 'cross')], 'Cannot run kubelet:cross:linux-amd64: kubelet:cross has no configuration "linux-amd64"; it has none.'],
    [[t('kubelet', 'linux-amd64', 'image')], 'Cannot run kubelet:image:linux-amd64: kubelet has no target "image"; check the project and target names.'],
    [[t('etcd', 'linux-amd64')], 'Cannot run etcd:build:linux-amd64: etcd has no target "build"; check the project and target names.'],
  ])('refuses %j, since Nx would run the default configuration instead', (tasks, message) => {
    expect(() => checkNamedTasks(tasks, configurationsOf)).toThrow(new Error(message));
  });
});

describe('groupByConfiguration', () => {
  it('makes one group per target and configuration, projects once each, in first-seen order', () => {
    expect(groupByConfiguration([t('kubelet', 'linux-amd64'), t('kubectl', 'linux-amd64'), t('kubectl', 'windows-amd64'), t('kubelet', 'linux-amd64')])).toEqual([
      { target: 'build', configuration: 'linux-amd64', projects: ['kubelet', 'kubectl'] },
      { target: 'build', configuration: 'windows-amd64', projects: ['kubectl'] },
    ]);
  });
});

describe('mergeTaskGraphs', () => {
  it('keeps every configuration\'s tasks, the shared image build once with one edge from each build', () => {
    const merged = mergeTaskGraphs([graph('linux-amd64', ['kubelet', 'kubectl']), graph('windows-amd64', ['kubectl'])]);
    expect(Object.keys(merged.tasks).sort()).toEqual(['k8s:build-image', 'kubectl:build:linux-amd64', 'kubectl:build:windows-amd64', 'kubelet:build:linux-amd64']);
    expect(merged.roots).toEqual(['k8s:build-image']);
    expect(merged.dependencies['k8s:build-image']).toEqual([]);
    expect(merged.dependencies['kubectl:build:windows-amd64']).toEqual([{ id: 'k8s:build-image' }]);
    expect(() => assertTasksInGraph([t('kubectl', 'windows-amd64'), t('kubelet', 'linux-amd64')], merged)).not.toThrow();
  });

  it('says so when Nx planned another configuration than the one named', () => {
    expect(() => assertTasksInGraph([t('kubelet', 'linux-s390x')], graph('linux-amd64', ['kubelet']))).toThrow(
      new Error('Nx planned no task kubelet:build:linux-s390x; it may have picked another configuration. Run each with nx run to see why.'),
    );
  });
});
