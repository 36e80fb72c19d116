/** mod-download: on the module project of every context without vendor/ in force, and a dependency of its builds and tests only there. */
import { cleanupSpecs, gomod, loadSpec } from '../load.spec-helpers';
import { goFile } from '../go/temp-tree.spec-helpers';

afterAll(cleanupSpecs);

const dep = { target: 'mod-download', projects: ['app-module'], params: 'ignore' };

describe('a module without vendor/', () => {
  const s = loadSpec({
    'go.mod': gomod('example.com/app', '1.19', ['example.test/greet v1.0.0']),
    'go.sum': '',
    'cmd/app/main.go': goFile('main', 'example.com/app/pkg/x'),
    'pkg/x/x.go': goFile('x'),
    'pkg/x/x_test.go': goFile('x'),
  });
  const mod = s.projects['.'];

  it('gets a cached mod-download target on go.mod and go.sum, network bridge', () => {
    expect(mod.targets?.['mod-download']).toEqual({
      executor: 'nx-kube-build:go-mod-download',
      cache: true,
      inputs: ['{workspaceRoot}/go.mod', '{workspaceRoot}/go.sum'],
      outputs: [],
      options: { moduleRoot: '', dockerfile: 'build/build-image/Dockerfile', network: 'bridge' },
      dependsOn: [{ target: 'build-image', projects: ['app-module'], params: 'ignore' }],
      metadata: expect.objectContaining({ description: expect.stringMatching(/^go mod download in \. into the module-cache volume nx-kube-build-gomod-/) }),
    });
  });

  it('makes build and test depend on it and pass the download network', () => {
    expect(s.projects['cmd/app'].targets?.build?.dependsOn).toEqual([{ target: 'build-image', projects: ['app-module'], params: 'ignore' }, dep]);
    expect(s.projects['cmd/app'].targets?.build?.options).toMatchObject({ network: 'none', downloadNetwork: 'bridge' });
    expect(s.projects['pkg/x'].targets?.test?.dependsOn).toEqual([{ target: 'build-image', projects: ['app-module'], params: 'ignore' }, dep]);
  });
});

describe('options', () => {
  const s = loadSpec(
    { 'go.mod': gomod('example.com/app', '1.19', ['example.test/greet v1.0.0']), 'cmd/app/main.go': goFile('main') },
    { modDownloadTargetName: 'go-mod-download', downloadNetwork: 'host', image: 'golang:1.22' },
  );
  it('rename the target and set its network; with an image there is no build-image dependency', () => {
    expect(s.projects['.'].targets?.['go-mod-download']?.options).toEqual({ moduleRoot: '', dockerfile: 'build/build-image/Dockerfile', image: 'golang:1.22', network: 'host' });
    expect(s.projects['cmd/app'].targets?.build?.dependsOn).toEqual([{ target: 'go-mod-download', projects: ['app-module'], params: 'ignore' }]);
  });
});

describe('vendored contexts', () => {
  it('a module with vendor/modules.txt gets no mod-download and its builds do not wait for one', () => {
    const s = loadSpec({
      'go.mod': gomod('example.com/app', '1.19', ['example.test/greet v1.0.0']),
      'vendor/modules.txt': '# example.test/greet v1.0.0\n## explicit\nexample.test/greet\n',
      'vendor/example.test/greet/g.go': goFile('greet'),
      'cmd/app/main.go': goFile('main', 'example.test/greet'),
    });
    expect(Object.keys(s.projects['.'].targets ?? {})).not.toContain('mod-download');
    expect(s.projects['cmd/app'].targets?.build?.dependsOn).toEqual([{ target: 'build-image', projects: ['app-module'], params: 'ignore' }]);
    expect(s.projects['cmd/app'].targets?.build?.options).not.toHaveProperty('downloadNetwork');
  });

  it('a go.work counts as vendored only with go work vendor\'s vendor/ beside it', () => {
    const tree = {
      'go.work': 'go 1.22\n\nuse ./a\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['example.test/greet v1.0.0']),
      'a/vendor/modules.txt': '# example.test/greet v1.0.0\n## explicit\nexample.test/greet\n',
      'a/cmd/app/main.go': goFile('main'),
    };
    const bare = loadSpec(tree);
    expect(bare.projects['.'].targets?.['mod-download']?.inputs).toEqual([
      '{workspaceRoot}/go.work',
      '{workspaceRoot}/go.work.sum',
      '{workspaceRoot}/a/go.mod',
      '{workspaceRoot}/a/go.sum',
    ]);
    const vendored = loadSpec({ ...tree, 'vendor/modules.txt': '# example.test/greet v1.0.0\n## explicit\nexample.test/greet\n## workspace\n' });
    expect(Object.keys(vendored.projects['.'].targets ?? {})).not.toContain('mod-download');
  });
});

describe('contexts that require nothing from outside the tree', () => {
  it.each<[string, Record<string, string>]>([
    ['no require at all', { 'go.mod': gomod('example.com/app', '1.19') }],
    ['a require replaced by a local dir', { 'go.mod': gomod('example.com/app', '1.19', ['example.com/lib v0.0.0'], { 'example.com/lib': './lib' }), 'lib/go.mod': gomod('example.com/lib', '1.19') }],
  ])('%s: no mod-download, builds as before', (_n, files) => {
    const s = loadSpec({ ...files, 'cmd/app/main.go': goFile('main') });
    expect(Object.keys(s.projects['.'].targets ?? {})).not.toContain('mod-download');
    expect(s.projects['cmd/app'].targets?.build?.dependsOn).toEqual([{ target: 'build-image', projects: ['app-module'], params: 'ignore' }]);
  });

  it('a go.work whose modules require only each other', () => {
    const s = loadSpec({
      'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': gomod('example.com/a', '1.22', ['example.com/b v0.0.0']),
      'b/go.mod': gomod('example.com/b', '1.22'),
      'a/cmd/app/main.go': goFile('main', 'example.com/b'),
      'b/b.go': goFile('b'),
    });
    expect(Object.keys(s.projects['.'].targets ?? {})).not.toContain('mod-download');
  });
});
