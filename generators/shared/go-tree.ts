import { Tree, joinPathFragments } from '@nx/devkit';
import { parseGoMod } from '../../plugin/go/gomod';
import { parseGoFileHeader } from '../../plugin/go/scan-file';
import { GoMod } from '../../plugin/go/types';
import { hasControlChar, isSkippedDirName, relDir, underDir } from '../../plugin/go/walk';

/** A go.mod found in the Nx tree. */
export interface TreeModule {
  /** Workspace-relative dir ('' at the root). */
  dir: string;
  mod: GoMod;
}

/** A directory holding .go files. */
export interface TreeGoDir {
  dir: string;
  /** Non-test .go file names. */
  goFiles: string[];
}

/** The Go side of a workspace as generators see it: what is in the Tree, pending writes included. */
export interface TreeGo {
  tree: Tree;
  /** Every module, sorted by dir. */
  modules: TreeModule[];
  /** Dirs holding a go.work, sorted. */
  works: string[];
  dirs: TreeGoDir[];
}

export const join = (...parts: string[]): string => parts.filter((p) => p !== '' && p !== '.').join('/');
/** The plugin's dir helpers: one owner for what "below" and "relative to" mean. */
export const under = underDir;
export const relTo = relDir;
export const shownDir = (dir: string): string => (dir === '' ? 'the workspace root' : `${dir}/`);

/** Walks the tree as Go does: no vendor, testdata, node_modules, nor _ or . dirs. */
export function scanTreeGo(tree: Tree): TreeGo {
  const modules: TreeModule[] = [];
  const works: string[] = [];
  const dirs: TreeGoDir[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    const goFiles: string[] = [];
    for (const name of tree.children(dir).sort()) {
      const p = join(dir, name);
      if (tree.isFile(p)) {
        if (name === 'go.work') works.push(dir);
        if (name === 'go.mod') {
          const file = joinPathFragments(dir, 'go.mod');
          modules.push({ dir, mod: parseGoMod(tree.read(p, 'utf-8') ?? '', file) });
        } else if (name.endsWith('.go') && !name.endsWith('_test.go') && !isSkippedDirName(name)) {
          goFiles.push(name);
        }
      } else if (!isSkippedDirName(name) && !hasControlChar(name)) {
        // The plugin warns about such a dir when it loads the graph; init proposes nothing for it.
        stack.push(p);
      }
    }
    if (goFiles.length > 0) dirs.push({ dir, goFiles });
  }
  modules.sort((a, b) => a.dir.localeCompare(b.dir));
  dirs.sort((a, b) => a.dir.localeCompare(b.dir));
  return { tree, modules, works: works.sort(), dirs };
}

/**
 * Top-level modules: go.mod and go.work dirs not inside another one's dir. A
 * go.work dir without a go.mod stands as a module with no path: the workspace.
 */
export function rootModules(go: TreeGo): TreeModule[] {
  const dirs = [...new Set([...go.modules.map((m) => m.dir), ...go.works])];
  const tops = dirs.filter((d) => !dirs.some((o) => o !== d && under(d, o))).sort();
  return tops.map((d) => go.modules.find((m) => m.dir === d) ?? { dir: d, mod: { modulePath: '', requires: [], replaces: [] } });
}

/** The module a generator works on: the one named by moduleDir, or the only root module. */
export function selectModule(go: TreeGo, moduleDir: string | undefined): TreeModule {
  if (moduleDir !== undefined && moduleDir !== '') {
    const dir = join(...moduleDir.replace(/\\/g, '/').split('/')).replace(/\/+$/, '');
    const roots = rootModules(go);
    const known = roots.map((m) => m.dir || '.').join(', ') || 'none';
    const found = go.modules.find((m) => m.dir === dir) ?? roots.find((m) => m.dir === dir);
    if (!found) {
      throw new Error(`No go.mod in "${moduleDir}": pass --moduleDir with one of the module dirs (${known}).`);
    }
    if (!roots.some((r) => r.dir === found.dir)) {
      const outer = moduleOf(go, dir.slice(0, Math.max(0, dir.lastIndexOf('/'))));
      throw new Error(
        `The module in "${moduleDir}" is nested in the one at ${outer ? outer.dir || '.' : '.'}, which builds it: pass --moduleDir with a root module dir (${known}).`,
      );
    }
    return roots.find((r) => r.dir === found.dir) as TreeModule;
  }
  const roots = rootModules(go);
  if (roots.length === 0) {
    throw new Error('No go.mod found in this workspace: run `go mod init <module path>` first, then run this generator again.');
  }
  if (roots.length > 1) {
    throw new Error(
      `This workspace has ${roots.length} Go modules (${roots.map((m) => m.dir || '.').join(', ')}): pass --moduleDir with the one to use.`,
    );
  }
  return roots[0];
}

/** The innermost module whose dir holds `dir`. */
export function moduleOf(go: TreeGo, dir: string): TreeModule | undefined {
  let best: TreeModule | undefined;
  for (const m of go.modules) if (under(dir, m.dir) && (!best || m.dir.length > best.dir.length)) best = m;
  return best;
}

export function importPathOf(go: TreeGo, dir: string): string | undefined {
  const m = moduleOf(go, dir);
  if (!m) return undefined;
  const sub = relTo(dir, m.dir);
  return sub === '' ? m.mod.modulePath : `${m.mod.modulePath}/${sub}`;
}

/** The dir of an import path when it lies in the tree. */
export function dirOfImportPath(go: TreeGo, importPath: string): string | undefined {
  return go.dirs.find((d) => importPathOf(go, d.dir) === importPath)?.dir;
}

/** Non-test files that count, as Go picks them: `//go:build ignore` and `package documentation` left out. */
export function packageFiles(go: TreeGo, d: TreeGoDir): { file: string; text: string; packageName: string }[] {
  const out: { file: string; text: string; packageName: string }[] = [];
  for (const name of d.goFiles) {
    const file = join(d.dir, name);
    const text = go.tree.read(file, 'utf-8') ?? '';
    let h;
    try {
      h = parseGoFileHeader(text);
    } catch {
      continue;
    }
    if (h.packageName === '' || h.packageName === 'documentation' || h.buildConstraint === 'ignore') continue;
    out.push({ file, text, packageName: h.packageName });
  }
  return out;
}

/** The package name of a dir, reading only as many files as it takes. */
export function packageNameOf(go: TreeGo, d: TreeGoDir): string {
  for (const name of d.goFiles) {
    const text = go.tree.read(join(d.dir, name), 'utf-8') ?? '';
    try {
      const h = parseGoFileHeader(text);
      if (h.packageName !== '' && h.packageName !== 'documentation' && h.buildConstraint !== 'ignore') {
        return h.packageName;
      }
    } catch {
      // An unparsable file does not name the package; the next one may.
    }
  }
  return '';
}

/**
 * Whether code at `fromImportPath` in module `from` can import `importPath`:
 * same module or one its go.mod requires, and not behind someone else's internal/.
 */
export function canImport(go: TreeGo, from: TreeModule, fromImportPath: string, importPath: string, dir: string): boolean {
  const owner = moduleOf(go, dir);
  if (!owner) return false;
  if (owner.dir !== from.dir && !from.mod.requires.some((r) => r.path === owner.mod.modulePath)) return false;
  const parts = importPath.split('/');
  const k = parts.lastIndexOf('internal');
  if (k >= 0) {
    const parent = parts.slice(0, k).join('/');
    if (!(fromImportPath === parent || fromImportPath.startsWith(parent + '/'))) return false;
  }
  return true;
}
