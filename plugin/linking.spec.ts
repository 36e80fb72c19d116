import { allProjects } from './create-nodes';
import { fakeTree } from './fixtures.spec-helpers';
import { packageGraph } from './go/graph';
import { linkingOf } from './linking';
import { buildModel } from './model';
import { KubeBuildPluginOptions, normalizeOptions } from './options';

const main = (name: string) => ({ name: 'main', module: 'ws', importPath: `k8s.io/kubernetes/cmd/${name}` });
const tree = fakeTree([{ dir: 'ws', path: 'k8s.io/kubernetes' }], {
  'ws/cmd/kubelet': main('kubelet'),
  'ws/cmd/kubectl': main('kubectl'),
  'ws/cmd/gendocs': main('gendocs'),
});
const GROUPS: KubeBuildPluginOptions['groups'] = {
  node: { targets: ['kubelet'], platforms: ['linux/amd64', 'windows/amd64'] },
  client: { targets: ['kubectl'], platforms: ['linux/amd64', 'darwin/arm64'] },
  test: { targets: ['gendocs'], platforms: ['linux/arm64', 'darwin/amd64'] },
};
const build = (opts: KubeBuildPluginOptions, name: string) => {
  const options = normalizeOptions({ groups: GROUPS, ...opts });
  const projects = Object.values(allProjects(buildModel(tree, packageGraph(tree), options), options));
  return projects.find((p) => p.name === name)!.targets!.build;
};

describe('static or cgo, as golang.sh decides', () => {
  const has = (list: string[]) => list.includes('kubelet');
  it.each([
    [{ cgo: [] }, 'static'],
    [{ cgo: ['kubelet'] }, 'cgo'],
    [{ cgo: [], staticBinaries: ['kubectl'] }, 'cgo-where-possible'],
    [{ cgo: [], staticBinaries: ['kubelet'] }, 'static'],
    [{ cgo: ['kubelet'], staticBinaries: [] }, 'cgo'],
  ])('%j gives kubelet %s', (opts, want) => {
    expect(linkingOf(opts, 'kubelet', has)).toBe(want);
  });

  it('fails on a binary in both lists, naming it', () => {
    expect(() => linkingOf({ cgo: ['kubelet'], staticBinaries: ['kubelet'] }, 'kubelet', has)).toThrow(
      'kubelet is in both staticBinaries and cgoBinaries (or cgo) of nx-kube-build in nx.json: a binary builds either static or with cgo; drop it from one of the lists.',
    );
    expect(() => build({ cgoBinaries: ['cmd/kubelet'], staticBinaries: ['kubelet'] }, 'kubelet')).toThrow('kubelet is in both');
  });

  it('cgoBinaries is cgo under its other name', () => {
    expect(build({ cgoBinaries: ['kubelet'] }, 'kubelet').options.cgo).toBe(true);
    expect(build({ cgo: ['kubelet'] }, 'kubelet').options).toMatchObject({ cgo: true, cgoPlatforms: ['linux/amd64', 'windows/amd64'] });
    expect(build({}, 'kubelet').options.cgo).toBe(false);
  });

  it('with staticBinaries, builds the others with cgo where the cgo image has a C compiler and static elsewhere', () => {
    const opts = { staticBinaries: ['kubectl'] };
    expect(build(opts, 'kubectl').options.cgo).toBe(false);
    const kubelet = build(opts, 'kubelet');
    expect(kubelet.options).toMatchObject({ cgo: true, cgoPlatforms: ['linux/amd64', 'linux/arm64', 'windows/amd64'] });
    const gendocs = build(opts, 'gendocs');
    // darwin/amd64 stays a configuration (golang.sh cross-compiles it with Go's default, cgo off).
    expect(Object.keys(gendocs.configurations!)).toEqual(['linux-arm64', 'darwin-amd64']);
    expect(gendocs.configurations!['darwin-amd64'].cgo).toBe(false);
    expect(gendocs.configurations!['linux-arm64'].cgo).toBeUndefined();
    // An explicit cgo binary still builds only where there is a C compiler.
    expect(Object.keys(build({ cgo: ['gendocs'] }, 'gendocs').configurations!)).toEqual(['linux-arm64']);
  });
});
