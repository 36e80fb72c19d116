import { loadWorkspace } from './load';
import { normalizeOptions } from './options';
import { skipPredicate } from './skip';
import { goFile, makeTree, removeTree } from './go/temp-tree.spec-helpers';
import { scanGoTree } from './go/tree';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));
const tree = (extra: Record<string, string> = {}) => {
  const root = makeTree({
    'go.mod': 'module m.io/m\n\ngo 1.22\n',
    'cmd/app/main.go': goFile('main', 'm.io/m/pkg/a'),
    'pkg/a/a.go': goFile('a'),
    'pkg/gen/gen.go': goFile('gen'),
    'tools/go.mod': 'module m.io/tools\n\ngo 1.22\n',
    'tools/t.go': goFile('tools'),
    ...extra,
  });
  roots.push(root);
  return root;
};
const dirs = (root: string, exclude: string[]) => {
  const { skip } = skipPredicate(root, exclude);
  const t = scanGoTree(root, { skip });
  return { packages: [...t.packages.keys()].sort(), modules: t.modules.map((m) => m.dir) };
};

describe('exclude and .nxignore', () => {
  it.each([
    [['tools/**'], ['cmd/app', 'pkg/a', 'pkg/gen'], ['']],
    [['tools'], ['cmd/app', 'pkg/a', 'pkg/gen'], ['']],
    [['pkg/gen'], ['cmd/app', 'pkg/a', 'tools'], ['', 'tools']],
    [['**/gen'], ['cmd/app', 'pkg/a', 'tools'], ['', 'tools']],
    [[], ['cmd/app', 'pkg/a', 'pkg/gen', 'tools'], ['', 'tools']],
  ])('exclude %j keeps %j', (exclude, packages, modules) => {
    expect(dirs(tree(), exclude)).toEqual({ packages, modules });
  });

  it('honours .nxignore lines, and changes the fingerprint with them', () => {
    const root = tree({ '.nxignore': '# generated\npkg/gen/\ntools\n' });
    expect(dirs(root, [])).toEqual({ packages: ['cmd/app', 'pkg/a'], modules: [''] });
    expect(skipPredicate(root, []).fingerprint).not.toBe(skipPredicate(tree(), []).fingerprint);
  });

  it('keeps an excluded dir out of loadWorkspace projects', () => {
    const root = tree();
    const loaded = loadWorkspace(root, [''], normalizeOptions({ exclude: ['./tools/'] }), { ...process.env, NX_WORKSPACE_DATA_DIRECTORY: `${root}/.nx/data` });
    expect([...loaded.tree.packages.keys()].sort()).toEqual(['cmd/app', 'pkg/a', 'pkg/gen']);
    expect(loaded.graph.contexts.list.map((c) => c.dir)).toEqual(['']);
    expect(loaded.model?.binaries.map((b) => b.name)).toEqual(['app']);
  });
});
