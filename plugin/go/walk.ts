import * as fs from 'fs';
import * as path from 'path';

export type { HeaderCache } from './header-cache';
export { MapHeaderCache } from './header-cache';

/** A directory with .go files, as found on disk. */
export interface WalkedDir {
  /** Workspace-relative real directory. */
  dir: string;
  /** The path it was reached through; differs from dir below a followed symlink. */
  logicalDir: string;
  /** .go file names (not paths), sorted. */
  files: string[];
  /** Owning module: its real dir and the path it was reached through. */
  moduleDir: string;
  moduleLogicalDir: string;
}

export interface WalkResult {
  /** Real dirs holding a go.mod; `above` for a module found upwards from a start, not walked itself. */
  modules: { dir: string; logicalDir: string; above?: boolean }[];
  /** Real dirs holding a go.work, in the walk or above a start. */
  works: string[];
  dirs: WalkedDir[];
  warnings: string[];
}

interface ModuleRef {
  dir: string;
  logicalDir: string;
}

interface Frame {
  rel: string;
  logical: string;
  mod?: ModuleRef;
}

/** True for a workspace-relative dir the user keeps out of inference (`exclude`, .nxignore). */
export type SkipPath = (rel: string) => boolean;

/** Directories Go never looks into, plus ones the plugin must not (node_modules). */
export function isSkippedDirName(name: string): boolean {
  const c = name.charCodeAt(0);
  return c === 46 || c === 95 || name === 'testdata' || name === 'node_modules' || name === 'vendor';
}

export function joinRel(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a}/${b}`;
}

/** Workspace-relative POSIX path of an absolute path, or undefined when it lies outside. */
export function relInside(realRoot: string, abs: string): string | undefined {
  const r = path.relative(realRoot, abs);
  if (r === '') return '';
  if (r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r)) return undefined;
  return path.sep === '/' ? r : r.split(path.sep).join('/');
}

/**
 * Walks the workspace from `starts` (real, workspace-relative dirs) and finds
 * modules and .go directories. Directory symlinks are followed after the plain
 * walk, and only into real dirs not seen yet, so no dir is listed twice and
 * loops end.
 */
export function walkGoTree(realRoot: string, starts: string[], skip: SkipPath = () => false): WalkResult {
  const res: WalkResult = { modules: [], works: [], dirs: [], warnings: [] };
  const visited = new Map<string, boolean>();
  const links: { rel: string; logical: string; mod?: ModuleRef }[] = [];

  const walk = (start: Frame): void => {
    const stack: Frame[] = [start];
    while (stack.length > 0) {
      const f = stack.pop() as Frame;
      // A dir seen outside any module may be walked once more through a link from inside one.
      const seen = visited.get(f.rel);
      if (seen === true || (seen === false && !f.mod)) continue;
      visited.set(f.rel, !!f.mod);
      const abs = f.rel === '' ? realRoot : `${realRoot}/${f.rel}`;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(abs, { withFileTypes: true });
      } catch (e) {
        res.warnings.push(`Cannot read directory ${f.rel || '.'}: ${(e as Error).message}.`);
        continue;
      }
      let mod = f.mod;
      for (const e of entries) {
        if (e.name === 'go.work' && !e.isDirectory() && !res.works.includes(f.rel)) res.works.push(f.rel);
        if (e.name === 'go.mod' && !e.isDirectory()) {
          mod = { dir: f.rel, logicalDir: f.logical };
          const prev = res.modules.find((m) => m.dir === f.rel);
          if (prev) delete prev.above;
          else res.modules.push(mod);
        }
      }

      const files: string[] = [];
      for (const e of entries) {
        const name = e.name;
        if (e.isFile()) {
          if (isGoFileName(name)) files.push(name);
        } else if (e.isDirectory()) {
          if (!isSkippedDirName(name) && !skip(joinRel(f.rel, name))) {
            stack.push({ rel: joinRel(f.rel, name), logical: joinRel(f.logical, name), mod });
          }
        } else if (e.isSymbolicLink()) {
          const linkRel = joinRel(f.rel, name);
          let st: fs.Stats | undefined;
          try {
            st = fs.statSync(`${abs}/${name}`, { throwIfNoEntry: false });
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ELOOP') {
              res.warnings.push(`Symlink loop at ${linkRel}, skipped.`);
            }
            continue;
          }
          if (!st) continue;
          if (st.isFile()) {
            if (isGoFileName(name)) files.push(name);
          } else if (st.isDirectory() && !isSkippedDirName(name) && !skip(linkRel)) {
            links.push({ rel: linkRel, logical: joinRel(f.logical, name), mod });
          }
        }
      }
      if (files.length > 0 && mod) {
        files.sort();
        res.dirs.push({ dir: f.rel, logicalDir: f.logical, files, moduleDir: mod.dir, moduleLogicalDir: mod.logicalDir });
      }
    }
  };

  for (const s of starts) {
    for (const w of enclosingWorks(realRoot, s)) if (!res.works.includes(w)) res.works.push(w);
    const mod = enclosingModule(realRoot, s);
    if (mod && !res.modules.some((m) => m.dir === mod.dir)) res.modules.push({ ...mod, above: true });
    walk({ rel: s, logical: s, mod });
  }

  // Links wait until the plain walk is done, so a target that is also reached
  // without the link keeps its own path and module.
  for (let k = 0; k < links.length; k++) {
    const l = links[k];
    let real: string;
    try {
      real = fs.realpathSync.native(`${realRoot}/${l.rel}`);
    } catch {
      res.warnings.push(`Symlink loop at ${l.rel}, skipped.`);
      continue;
    }
    const target = relInside(realRoot, real);
    if (target === undefined) continue;
    const parent = l.rel.includes('/') ? l.rel.slice(0, l.rel.lastIndexOf('/')) : '';
    if (target === '' || parent === target || parent.startsWith(`${target}/`)) {
      res.warnings.push(`Symlink loop at ${l.rel} (points to ${target || '.'}), skipped.`);
      continue;
    }
    if (visited.get(target) === true || (visited.has(target) && !l.mod)) continue;
    walk({ rel: target, logical: l.logical, mod: l.mod });
  }
  return res;
}

/** The nearest module strictly above `rel`, found by looking for go.mod upwards. */
function enclosingModule(realRoot: string, rel: string): ModuleRef | undefined {
  let dir = rel;
  while (dir !== '') {
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    if (fs.existsSync(dir === '' ? `${realRoot}/go.mod` : `${realRoot}/${dir}/go.mod`)) {
      return { dir, logicalDir: dir };
    }
  }
  return undefined;
}

/** Dirs strictly above `rel` holding a go.work: the go command looks for one upwards from where it runs. */
function enclosingWorks(realRoot: string, rel: string): string[] {
  const out: string[] = [];
  for (let dir = rel; dir !== ''; ) {
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    if (fs.existsSync(dir === '' ? `${realRoot}/go.work` : `${realRoot}/${dir}/go.work`)) out.push(dir);
  }
  return out;
}

/** A vendored copy: dir real and workspace-relative, importPath the path under vendor/. */
export interface VendoredDir {
  dir: string;
  importPath: string;
  files: string[];
}

/**
 * Walks one real vendor/<modulePath> directory without following symlinks,
 * stopping at subdirectories that belong to other vendored modules.
 */
export function walkVendoredModule(
  realRoot: string,
  vendorRel: string,
  modulePath: string,
  otherModules: Set<string>,
  warnings: string[],
): VendoredDir[] {
  const out: VendoredDir[] = [];
  const stack = [modulePath];
  while (stack.length > 0) {
    const ip = stack.pop() as string;
    const rel = `${vendorRel}/${ip}`;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(`${realRoot}/${rel}`, { withFileTypes: true });
    } catch (e) {
      warnings.push(`Cannot read directory ${rel}: ${(e as Error).message}.`);
      continue;
    }
    const files: string[] = [];
    for (const e of entries) {
      if (e.isFile()) {
        if (isGoFileName(e.name)) files.push(e.name);
      } else if (e.isDirectory() && !isSkippedDirName(e.name)) {
        const child = `${ip}/${e.name}`;
        if (!otherModules.has(child)) stack.push(child);
      }
    }
    if (files.length > 0) out.push({ dir: rel, importPath: ip, files: files.sort() });
  }
  return out;
}

function isGoFileName(name: string): boolean {
  const c = name.charCodeAt(0);
  return name.endsWith('.go') && c !== 46 && c !== 95;
}
