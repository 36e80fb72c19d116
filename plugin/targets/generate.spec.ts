import { allProjects } from '../create-nodes';
import { fakeTree } from '../fixtures.spec-helpers';
import { packageGraph } from '../go/graph';
import { buildModel } from '../model';
import { KubeBuildPluginOptions, normalizeOptions } from '../options';

const tree = fakeTree([{ dir: 'ws', path: 'k8s.io/kubernetes' }], {
  'ws/cmd/kubelet': { name: 'main', module: 'ws', importPath: 'k8s.io/kubernetes/cmd/kubelet' },
});
const projects = (opts: KubeBuildPluginOptions) => {
  const options = normalizeOptions({ defaultPlatforms: ['linux/amd64'], ...opts });
  return Object.fromEntries(Object.values(allProjects(buildModel(tree, packageGraph(tree), options), options)).map((p) => [p.name!, p]));
};

describe('the generate target (make generated_files)', () => {
  it('is absent unless configured', () => {
    const p = projects({});
    expect(p['kubernetes'].targets!.generate).toBeUndefined();
    expect(JSON.stringify(p['kubelet'].targets!.build.dependsOn)).not.toContain('generate');
  });

  it('runs the command with its dirs as cached outputs, hashes the module outside them, and comes before every build', () => {
    const p = projects({ generate: { command: 'go run ./hack/gen', outputs: ['pkg/generated'] } });
    const g = p['kubernetes'].targets!.generate;
    expect(g).toMatchObject({
      executor: 'nx-kube-build:go-generate',
      cache: true,
      outputs: ['{workspaceRoot}/ws/pkg/generated'],
      options: { moduleRoot: 'ws', command: ['go', 'run', './hack/gen'], outputs: ['pkg/generated'], network: 'none' },
      dependsOn: [{ target: 'build-image', projects: ['kubernetes'], params: 'ignore' }],
    });
    expect(g.inputs!.slice(0, 3)).toEqual(['{workspaceRoot}/ws/**/*', '!{workspaceRoot}/ws/_output/**', '!{workspaceRoot}/ws/pkg/generated/**']);
    const build = p['kubelet'].targets!.build;
    expect(build.dependsOn).toContainEqual({ target: 'generate', projects: ['kubernetes'], params: 'ignore' });
    expect(build.inputs).toContainEqual({ dependentTasksOutputFiles: '**/*', transitive: false });
  });

  it('fails on a bad option naming it', () => {
    expect(() => projects({ generate: { command: 'go', outputs: ['../x'] } })).toThrow(
      'generate.outputs entry "../x" is outside the module',
    );
  });
});
