import * as fs from 'fs';
import * as path from 'path';
import { MapHeaderCache } from './header-cache';
import { goFile, k8sLikeSpec, makeTree, removeTree, TreeSpec } from './temp-tree.spec-helpers';
import { scanGoTree } from './tree';
import { GoTree } from './types';

const roots: string[] = [];
function scanSpec(spec: TreeSpec, opts?: Parameters<typeof scanGoTree>[1]): GoTree {
  const root = makeTree(spec);
  roots.push(root);
  return scanGoTree(root, opts);
}
afterAll(() => roots.forEach(removeTree));

const summary = (t: GoTree): Record<string, string> =>
  Object.fromEntries([...t.packages.values()].map((p) => [p.dir, `${p.importPath} (${p.name || '-'}) @${p.moduleDir || '.'}`]));

describe('scanGoTree modules and packages', () => {
  it('assigns packages to the innermost module and marks root modules', () => {
    const t = scanSpec({
      'go.mod': 'module example.com/root\n',
      'root.go': goFile('root'),
      'a/a.go': goFile('a'),
      'a/b/b.go': goFile('b'),
      'tools/go.mod': 'module example.com/tools\n',
      'tools/cmd/x/main.go': goFile('main'),
      'other/go.mod': 'module example.com/other\n',
      'other/o.go': goFile('o'),
    });
    expect(t.modules.map((m) => [m.dir, m.mod.modulePath, m.root])).toEqual([
      ['', 'example.com/root', true],
      ['other', 'example.com/other', false],
      ['tools', 'example.com/tools', false],
    ]);
    expect(summary(t)).toEqual({
      '': 'example.com/root (root) @.',
      a: 'example.com/root/a (a) @.',
      'a/b': 'example.com/root/a/b (b) @.',
      other: 'example.com/other (o) @other',
      'tools/cmd/x': 'example.com/tools/cmd/x (main) @tools',
    });
    expect(t.warnings).toEqual([]);
  });

  it('marks sibling modules without a workspace module as roots', () => {
    const t = scanSpec({
      'a/go.mod': 'module a.io/a\n',
      'a/x.go': goFile('a'),
      'b/go.mod': 'module b.io/b\n',
      'b/inner/go.mod': 'module b.io/b/inner\n',
      'loose/x.go': goFile('loose'),
    });
    expect(t.modules.map((m) => [m.dir, m.root])).toEqual([
      ['a', true],
      ['b', true],
      ['b/inner', false],
    ]);
    expect([...t.packages.keys()]).toEqual(['a']);
  });

  it('lists files, test-only dirs, imports and embeds', () => {
    const t = scanSpec({
      'go.mod': 'module m.io/m\n',
      'p/b.go': goFile('p', 'fmt', 'x.io/one', 'x.io/one'),
      'p/a.go': 'package p\n\nimport _ "embed"\nimport "x.io/two"\n\n//go:embed static/* b.txt\nvar s string\n',
      'p/c.go': 'package p\n\n//go:embed b.txt\nvar t string\n',
      'p/p_test.go': goFile('p_test', 'testing', 'x.io/one', 'm.io/m/p'),
      'p/doc.go': '// Package p.\npackage p\n',
      'p/_skip.go': goFile('ignored', 'x.io/never'),
      'p/.skip.go': goFile('ignored', 'x.io/never'),
      'p/notes.txt': 'not go',
      't/only_test.go': goFile('t', 'testing', 'x.io/t'),
    });
    const p = t.packages.get('p');
    expect(p).toEqual({
      dir: 'p',
      importPath: 'm.io/m/p',
      name: 'p',
      moduleDir: '',
      goFiles: ['p/a.go', 'p/b.go', 'p/c.go', 'p/doc.go'],
      testFiles: ['p/p_test.go'],
      embeds: ['b.txt', 'static/*'],
      imports: [
        { path: 'x.io/two', file: 'p/a.go', test: false },
        { path: 'x.io/one', file: 'p/b.go', test: false },
        { path: 'x.io/one', file: 'p/p_test.go', test: true },
        { path: 'm.io/m/p', file: 'p/p_test.go', test: true },
      ],
    });
    expect(t.packages.get('t')).toMatchObject({ name: '', goFiles: [], testFiles: ['t/only_test.go'], imports: [{ path: 'x.io/t', file: 't/only_test.go', test: true }] });
  });

  it('takes the package name from files Go builds', () => {
    const t = scanSpec({
      'go.mod': 'module m.io/m\n',
      'g/gen.go': '//go:build ignore\n\npackage main\n',
      'g/doc.go': 'package documentation\n',
      'g/g.go': goFile('g'),
    });
    expect(t.packages.get('g')?.name).toBe('g');
  });

  it('ignores testdata, vendor without modules.txt, node_modules, . and _ dirs, and loose files', () => {
    const t = scanSpec({
      'go.mod': 'module m.io/m\n',
      'ok/x.go': goFile('ok'),
      'ok/testdata/x.go': goFile('nope'),
      'ok/testdata/go.mod': 'module nope\n',
      '_output/x.go': goFile('nope'),
      '.git/x.go': goFile('nope'),
      'node_modules/x/x.go': goFile('nope'),
      'vendor/a.io/a/a.go': goFile('nope'),
      'ok/_private/x.go': goFile('nope'),
    });
    expect([...t.packages.keys()]).toEqual(['ok']);
    expect(t.modules.map((m) => m.dir)).toEqual(['']);
  });

  it('keeps imports under a dotless module path and drops the standard library', () => {
    const t = scanSpec({
      'go.mod': 'module example\n',
      'a/a.go': goFile('a', 'fmt', 'net/http', 'C', 'example/b', 'examples/x'),
      'b/b.go': goFile('b'),
    });
    expect(t.packages.get('a')?.imports.map((i) => i.path)).toEqual(['example/b']);
  });

  it('scans only the given roots and finds their module upwards', () => {
    const t = scanSpec(
      {
        'go.mod': 'module m.io/m\n',
        'cmd/a/a.go': goFile('main'),
        'pkg/b/b.go': goFile('b'),
        'tools/go.mod': 'module m.io/tools\n',
        'tools/t.go': goFile('tools'),
      },
      { roots: ['cmd', 'tools', 'missing'] },
    );
    expect(summary(t)).toEqual({
      'cmd/a': 'm.io/m/cmd/a (main) @.',
      tools: 'm.io/tools (tools) @tools',
    });
    expect(t.modules.map((m) => [m.dir, m.root])).toEqual([
      ['', true],
      ['tools', false],
    ]);
    expect(t.warnings).toEqual(['Root missing does not exist, skipped.']);
  });

  it('reads vendor/modules.txt of a module above the roots but walks no vendored copy', () => {
    const t = scanSpec(k8sLikeSpec(), { roots: ['cmd', 'pkg'] });
    expect([...t.packages.keys()]).toEqual(['cmd/kubelet', 'pkg/kubelet']);
    const root = t.modules.find((m) => m.dir === '');
    expect(root?.vendor?.length).toBe(4);
    expect(root?.vendorLinks?.['k8s.io/api']).toBe('staging/src/k8s.io/api');
  });

  it('lists a module once when roots overlap', () => {
    const t = scanSpec({ 'go.mod': 'module m.io/m\n', 'cmd/a/a.go': goFile('main') }, { roots: ['cmd', '', 'cmd/a'] });
    expect(t.modules.map((m) => m.dir)).toEqual(['']);
    expect([...t.packages.keys()]).toEqual(['cmd/a']);
  });
});

describe('scanGoTree vendor and staging', () => {
  it('gives one package per real dir: staging, not the vendor symlink', () => {
    const t = scanSpec(k8sLikeSpec());
    expect(summary(t)).toEqual({
      'cmd/kubelet': 'k8s.io/kubernetes/cmd/kubelet (main) @.',
      'hack/tools/gen': 'k8s.io/kubernetes/hack/tools/gen (main) @hack/tools',
      'pkg/kubelet': 'k8s.io/kubernetes/pkg/kubelet (kubelet) @.',
      'staging/src/k8s.io/api/core/v1': 'k8s.io/api/core/v1 (v1) @staging/src/k8s.io/api',
      'staging/src/k8s.io/client-go/kubernetes': 'k8s.io/client-go/kubernetes (kubernetes) @staging/src/k8s.io/client-go',
      'vendor/github.com/foo/bar': 'github.com/foo/bar (bar) @.',
      'vendor/github.com/foo/bar/nested': 'github.com/foo/bar/nested (nested) @.',
      'vendor/github.com/foo/bar/util': 'github.com/foo/bar/util (util) @.',
    });
    const vendored = [...t.packages.values()].filter((p) => p.vendoredModule).map((p) => [p.dir, p.vendoredModule]);
    expect(vendored).toEqual([
      ['vendor/github.com/foo/bar', 'github.com/foo/bar'],
      ['vendor/github.com/foo/bar/util', 'github.com/foo/bar'],
      ['vendor/github.com/foo/bar/nested', 'github.com/foo/bar/nested'],
    ]);
    const root = t.modules.find((m) => m.dir === '');
    expect(root?.vendor?.map((v) => v.path)).toEqual(['github.com/foo/bar', 'github.com/foo/bar/nested', 'k8s.io/api', 'k8s.io/client-go']);
    expect(root?.vendorLinks).toEqual({
      'k8s.io/api': 'staging/src/k8s.io/api',
      'k8s.io/client-go': 'staging/src/k8s.io/client-go',
    });
    expect(t.modules.map((m) => [m.dir, m.root])).toEqual([
      ['', true],
      ['hack/tools', false],
      ['staging/src/k8s.io/api', false],
      ['staging/src/k8s.io/client-go', false],
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('marks a module whose go.mod or modules.txt does not parse with the error, and loads the rest', () => {
    const badMod = scanSpec({
      'go.mod': 'module m\n',
      'a/a.go': goFile('a'),
      'sub/go.mod': 'module s\nrequire (\n',
      'sub/s.go': goFile('s'),
    });
    expect(badMod.modules.map((m) => [m.dir, m.error])).toEqual([
      ['', undefined],
      ['sub', 'sub/go.mod:2: unterminated require block'],
    ]);
    // The broken module has no packages; the good one keeps its own.
    expect(summary(badMod)).toEqual({ a: 'm/a (a) @.' });

    const badTxt = scanSpec({
      'go.mod': 'module m\n',
      'vendor/modules.txt': 'a.io/x\n',
      'other/go.mod': 'module o.io/other\n',
      'other/o.go': goFile('o'),
    });
    expect(badTxt.modules.map((m) => [m.dir, m.error])).toEqual([
      ['', 'vendor/modules.txt:1: package "a.io/x" comes before any "# module" line'],
      ['other', undefined],
    ]);
    expect(badTxt.packages.get('other')).toMatchObject({ importPath: 'o.io/other', moduleDir: 'other' });
  });

  it('marks a go.work that does not parse with the error, and still loads its modules', () => {
    const t = scanSpec({
      'go.work': 'go 1.22\nuse (\n\t./a\n',
      'a/go.mod': 'module a.io/a\n',
      'a/a.go': goFile('a'),
    });
    expect(t.works).toEqual([expect.objectContaining({ dir: '', uses: [], error: 'go.work:2: unterminated use block' })]);
    expect(t.modules.map((m) => [m.dir, m.error])).toEqual([['a', undefined]]);
    expect(summary(t)).toEqual({ a: 'a.io/a (a) @a' });
  });

  it('drops the imports of vendored tests and of //go:build ignore files, which Go never compiles', () => {
    const t = scanSpec({
      'go.mod': 'module m.io/m\n\ngo 1.19\n\nrequire a.io/x v1.0.0\n',
      'vendor/modules.txt': '# a.io/x v1.0.0\n## explicit\na.io/x\n',
      'vendor/a.io/x/x.go': goFile('x', 'b.io/lib'),
      'vendor/a.io/x/x_test.go': goFile('x', 'c.io/testonly'),
      'p/p.go': goFile('p', 'a.io/x'),
      'p/p_test.go': goFile('p', 'd.io/tested'),
      'p/gen.go': `//go:build ignore\n\n${goFile('main', 'e.io/generator')}`,
    });
    const imports = (dir: string) => t.packages.get(dir)!.imports.map((i) => `${i.path}${i.test ? ' (test)' : ''}`);
    expect(imports('vendor/a.io/x')).toEqual(['b.io/lib']);
    expect(t.packages.get('vendor/a.io/x')!.testFiles).toEqual(['vendor/a.io/x/x_test.go']);
    expect(imports('p').sort()).toEqual(['a.io/x', 'd.io/tested (test)']);
    expect(t.packages.get('p')!.name).toBe('p');
  });
});

describe('scanGoTree symlinks and bad files', () => {
  it('follows a directory symlink once, under its real dir, and warns on loops', () => {
    const t = scanSpec(
      {
        'mod/go.mod': 'module m.io/m\n',
        'mod/a/a.go': goFile('a'),
        'mod/a/up': { link: '..' },
        'mod/self': { link: 'self' },
        'mod/linked': { link: '../shared/pkg' },
        'mod/again': { link: 'a' },
        'mod/outside': { link: '/' },
        'shared/pkg/p.go': goFile('p'),
      },
      { roots: ['mod'] },
    );
    expect(summary(t)).toEqual({
      'mod/a': 'm.io/m/a (a) @mod',
      'shared/pkg': 'm.io/m/linked (p) @mod',
    });
    expect(t.aliases).toEqual(new Map([['mod/linked', 'shared/pkg']]));
    expect(t.warnings.sort()).toEqual(['Symlink loop at mod/a/up (points to mod), skipped.', 'Symlink loop at mod/self, skipped.']);
  });

  it('gives a link from a module the dirs that no module owns', () => {
    const t = scanSpec({
      'mod/go.mod': 'module m.io/m\n',
      'mod/linked': { link: '../shared' },
      'shared/p.go': goFile('p'),
      'shared/loop': { link: '../mod' },
    });
    expect(summary(t)).toEqual({ shared: 'm.io/m/linked (p) @mod' });
  });

  it('warns about unparseable and unreadable .go files and keeps going', () => {
    const t = scanSpec({
      'go.mod': 'module m.io/m\n',
      'p/bad.go': 'package p\nimport (\n"a.io/x"\n',
      'p/empty.go': '',
      'p/loop.go': { link: 'loop.go' },
      'p/good.go': goFile('p', 'a.io/good'),
    });
    expect(t.packages.get('p')).toMatchObject({ name: 'p', goFiles: ['p/bad.go', 'p/empty.go', 'p/good.go'], imports: [{ path: 'a.io/good' }] });
    expect(t.warnings).toEqual([
      'Symlink loop at p/loop.go, skipped.',
      'Cannot parse p/bad.go: line 4: unterminated import block.',
      'p/empty.go has no package clause.',
    ]);
  });
});

describe('scanGoTree header cache', () => {
  it('does not read unchanged files again, and reads changed ones', () => {
    const root = makeTree({
      'go.mod': 'module m.io/m\n',
      'a/a.go': goFile('a', 'x.io/old'),
      'b/b.go': goFile('b'),
      'b/b_test.go': goFile('b'),
    });
    roots.push(root);
    // Whole seconds, so restoring the mtime below is exact.
    const file = path.join(root, 'a/a.go');
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const cache = new MapHeaderCache();
    const first = scanGoTree(root, { headerCache: cache });
    expect(first.stats).toEqual({ goFiles: 3, headersParsed: 3 });

    // Same size and mtime, other content: a cached scan must not notice.
    fs.writeFileSync(file, goFile('a', 'x.io/new'));
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(cache.changed).toBe(true);
    const loaded = MapHeaderCache.fromJSON(JSON.parse(JSON.stringify(cache)));
    const warm = scanGoTree(root, { headerCache: loaded });
    expect(warm.stats).toEqual({ goFiles: 3, headersParsed: 0 });
    expect(loaded.changed).toBe(false);
    expect(warm.packages.get('a')?.imports.map((i) => i.path)).toEqual(['x.io/old']);

    fs.utimesSync(file, 1_700_000_000, 1_700_000_005);
    const changed = scanGoTree(root, { headerCache: cache });
    expect(changed.stats).toEqual({ goFiles: 3, headersParsed: 1 });
    expect(changed.packages.get('a')?.imports.map((i) => i.path)).toEqual(['x.io/new']);
  });

  it('prunes entries of files that are gone and rejects foreign JSON', () => {
    const cache = new MapHeaderCache();
    const h = { packageName: 'p', imports: [], embeds: [] };
    cache.set('a.go', 1, 2, h);
    cache.set('b.go', 1, 2, h);
    cache.prune();
    expect(cache.get('a.go', 1, 2)).toBe(h);
    expect(cache.get('a.go', 1, 3)).toBeUndefined();
    cache.prune();
    expect(cache.size).toBe(1);
    expect(MapHeaderCache.fromJSON({ version: 0, entries: { 'a.go': [1, 2, h] } }).size).toBe(0);
    expect(MapHeaderCache.fromJSON('junk').size).toBe(0);
    expect(MapHeaderCache.fromJSON(cache.toJSON()).get('a.go', 1, 2)).toEqual(h);
  });
});
