import { Tree, logger, readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { KubeBuildPluginOptions } from '../../plugin/options';
import { binaryGenerator } from './generator';

const main = 'package main\n\nfunc main() {}\n';

function repo(files: Record<string, string>, options?: KubeBuildPluginOptions): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const [f, text] of Object.entries(files)) tree.write(f, text);
  if (options) tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: 'nx-kube-build', options }] }));
  return tree;
}

const demo: Record<string, string> = {
  'go.mod': 'module example.com/demo\n\ngo 1.22\n',
  'cmd/a/main.go': main,
  'tools/cmd/b/main.go': main,
};

const versionWithGet: Record<string, string> = {
  'internal/version/base.go': 'package version\n\nvar (\n\tgitVersion = "v0.0.0-master"\n\tgitCommit  = ""\n)\n',
  'internal/version/version.go': [
    'package version',
    '',
    '// Info is what Get returns.',
    'type Info struct {',
    '\tGitVersion string `json:"gitVersion"`',
    '\tGitCommit  string `json:"gitCommit"`',
    '}',
    '',
    'func Get() Info { return Info{GitVersion: gitVersion, GitCommit: gitCommit} }',
    '',
  ].join('\n'),
};

const mainGo = (name: string, importLine: string | undefined, expr: string): string =>
  [
    `// Command ${name}.`,
    'package main',
    '',
    'import (',
    '\t"flag"',
    '\t"fmt"',
    ...(importLine ? ['', `\t${importLine}`] : []),
    ')',
    '',
    'func main() {',
    '\tshowVersion := flag.Bool("version", false, "print the version and exit")',
    '\tflag.Parse()',
    '\tif *showVersion {',
    `\t\tfmt.Println(${expr})`,
    '\t\treturn',
    '\t}',
    `\tfmt.Println("${name}")`,
    '}',
    '',
  ].join('\n');

const options = (tree: Tree): KubeBuildPluginOptions | undefined => {
  const e = readNxJson(tree)?.plugins?.find((p) => typeof p !== 'string' && p.plugin === 'nx-kube-build');
  return typeof e === 'object' ? (e.options as KubeBuildPluginOptions) : undefined;
};

describe('binary generator', () => {
  beforeEach(() => jest.spyOn(logger, 'info').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('scaffolds main.go with --version wired to the version package Get()', async () => {
    const tree = repo({ ...demo, ...versionWithGet });
    await binaryGenerator(tree, { name: 'widget' });
    expect(tree.read('cmd/widget/main.go', 'utf-8')).toBe(
      mainGo('widget', '"example.com/demo/internal/version"', 'version.Get().GitVersion'),
    );
  });

  it('prints "unknown" when no version package can be used', async () => {
    const tree = repo(demo);
    await binaryGenerator(tree, { name: 'widget' });
    expect(tree.read('cmd/widget/main.go', 'utf-8')).toBe(mainGo('widget', undefined, '"unknown"'));
  });

  it('uses an exported version variable when there is no Get()', async () => {
    const tree = repo({
      ...demo,
      'pkg/version/version.go': 'package version\n\nvar (\n\tVersion = "dev"\n\tCommit  = ""\n)\n',
    });
    await binaryGenerator(tree, { name: 'widget' });
    expect(tree.read('cmd/widget/main.go', 'utf-8')).toBe(
      mainGo('widget', '"example.com/demo/pkg/version"', 'version.Version'),
    );
  });

  it('does not call a Get() whose result has no GitVersion field', async () => {
    const tree = repo({
      ...demo,
      'internal/version/base.go': 'package version\n\nvar gitVersion, gitCommit string\n',
      'internal/version/version.go': 'package version\n\ntype Info struct{ Version string }\n\nfunc Get() Info { return Info{} }\n',
    });
    await binaryGenerator(tree, { name: 'widget' });
    expect(tree.read('cmd/widget/main.go', 'utf-8')).toBe(mainGo('widget', undefined, '"unknown"'));
  });

  it("skips a version package behind another tree's internal/", async () => {
    const tree = repo({
      ...demo,
      'tools/internal/version/version.go': 'package version\n\nvar Version, Commit string\n',
    });
    await binaryGenerator(tree, { name: 'widget' });
    expect(tree.read('cmd/widget/main.go', 'utf-8')).toBe(mainGo('widget', undefined, '"unknown"'));
  });

  describe('in a Kubernetes-like repo', () => {
    const k8s = (withApimachinery: boolean): Record<string, string> => ({
      'go.mod': [
        'module k8s.io/kubernetes',
        '',
        'require (',
        '\tk8s.io/apimachinery v0.0.0',
        '\tk8s.io/client-go v0.0.0',
        ')',
        '',
        'replace k8s.io/client-go => ./staging/src/k8s.io/client-go',
        'replace k8s.io/apimachinery => ./staging/src/k8s.io/apimachinery',
        '',
      ].join('\n'),
      'cmd/kubelet/kubelet.go': main,
      'staging/src/k8s.io/client-go/go.mod': 'module k8s.io/client-go\n',
      'staging/src/k8s.io/client-go/pkg/version/base.go':
        'package version\n\nvar (\n\tgitVersion = "v0.0.0-master+$Format:%H$"\n\tgitCommit = "$Format:%H$"\n)\n',
      'staging/src/k8s.io/client-go/pkg/version/version.go': [
        'package version',
        '',
        'import (',
        '\tapimachineryversion "k8s.io/apimachinery/pkg/version"',
        ')',
        '',
        'func Get() apimachineryversion.Info {',
        '\treturn apimachineryversion.Info{GitVersion: gitVersion}',
        '}',
        '',
      ].join('\n'),
      'staging/src/k8s.io/apimachinery/go.mod': 'module k8s.io/apimachinery\n',
      ...(withApimachinery
        ? {
            'staging/src/k8s.io/apimachinery/pkg/version/types.go':
              'package version\n\ntype Info struct {\n\tMajor string\n\tGitVersion string\n}\n',
          }
        : {}),
    });
    const groups = { server: { targets: ['kubelet'] }, node: { targets: ['kubelet'] } };

    it('wires Get() whose struct lives in another package, and appends to the group', async () => {
      const tree = repo(k8s(true), { versionPackages: ['k8s.io/client-go/pkg/version'], groups });
      await binaryGenerator(tree, { name: 'kube-widget', group: 'server' });

      expect(tree.read('cmd/kube-widget/main.go', 'utf-8')).toBe(
        mainGo('kube-widget', '"k8s.io/client-go/pkg/version"', 'version.Get().GitVersion'),
      );
      expect(options(tree)?.groups).toEqual({
        server: { targets: ['kubelet', 'kube-widget'] },
        node: { targets: ['kubelet'] },
      });
    });

    it('does not wire Get() when the struct it returns cannot be seen', async () => {
      const tree = repo(k8s(false), { versionPackages: ['k8s.io/client-go/pkg/version'], groups });
      await binaryGenerator(tree, { name: 'kube-widget' });
      expect(tree.read('cmd/kube-widget/main.go', 'utf-8')).toBe(mainGo('kube-widget', undefined, '"unknown"'));
      expect(options(tree)?.groups).toEqual(groups);
    });

    it('creates a standard group that is missing', async () => {
      const tree = repo(k8s(true), { groups });
      await binaryGenerator(tree, { name: 'kubectl', group: 'client' });
      expect(options(tree)?.groups).toEqual({ ...groups, client: { targets: ['kubectl'] } });
    });
  });

  it('records the group in a repo without groups', async () => {
    const tree = repo(demo, { defaultPlatforms: ['linux/amd64'] });
    await binaryGenerator(tree, { name: 'widget', group: 'server' });
    expect(options(tree)).toEqual({ defaultPlatforms: ['linux/amd64'], groups: { server: { targets: ['widget'] } } });
  });

  it('needs --platforms for a group without default platforms', async () => {
    const tree = repo(demo, {});
    await expect(binaryGenerator(tree, { name: 'widget', group: 'edge' })).rejects.toThrow(
      'Group "edge" is not in nx.json and has no default platforms (server, node, client, test, test-server have): pass --platforms, e.g. --platforms=linux/amd64,linux/arm64.',
    );
    await binaryGenerator(tree, { name: 'widget', group: 'edge', platforms: ['linux-arm64', 'linux/riscv64'] });
    expect(options(tree)?.groups).toEqual({ edge: { platforms: ['linux/arm64', 'linux/riscv64'], targets: ['widget'] } });
  });

  it('lists a binary outside the binaries globs as an extra binary', async () => {
    const tree = repo(demo, {});
    await binaryGenerator(tree, { name: 'gen', directory: 'hack' });
    expect(tree.exists('hack/gen/main.go')).toBe(true);
    expect(options(tree)).toEqual({ extraBinaries: ['hack/gen'] });
  });

  it('writes into the module dir when the module is in a subfolder', async () => {
    const tree = repo({ 'services/go.mod': 'module example.com/services\n', 'web/package.json': '{}' });
    await binaryGenerator(tree, { name: 'api' });
    expect(tree.exists('services/cmd/api/main.go')).toBe(true);
  });

  it.each(['Widget', 'my_widget', 'widget-', '-widget', 'a--b', '9lives', ''])('rejects the name %j', async (name) => {
    const tree = repo(demo);
    await expect(binaryGenerator(tree, { name })).rejects.toThrow(
      `"${name}" is not a valid binary name: use lowercase letters, digits and single dashes, starting with a letter (e.g. kube-widget).`,
    );
  });

  it('refuses a dir that exists', async () => {
    const tree = repo(demo);
    await expect(binaryGenerator(tree, { name: 'a' })).rejects.toThrow(
      'cmd/a already exists: pick another binary name or remove that dir.',
    );
  });

  it('refuses a name another binary has', async () => {
    const tree = repo(demo);
    await expect(binaryGenerator(tree, { name: 'b' })).rejects.toThrow(
      'A binary named "b" already exists at tools/cmd/b: pick another name.',
    );
  });

  it('needs the plugin registered to record a group', async () => {
    const tree = repo(demo);
    await expect(binaryGenerator(tree, { name: 'widget', group: 'server' })).rejects.toThrow(
      'nx-kube-build is not registered in nx.json: run `npx nx g nx-kube-build:init` first, then add the binary.',
    );
  });
});
