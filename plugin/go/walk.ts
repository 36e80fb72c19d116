import * as fs from 'fs';
import * as path from 'path';
import { printable } from '../vocabulary/printable';

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

/** A dir name with a C0/C1 control character or DEL (a newline, an escape): no Go import path can hold it. */
export function hasControlChar(name: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f]/.test(name);
}

/**
 * The one warning for such a dir, named printably: it is skipped rather than
 * made a project whose name would print as two lines or move the cursor.
 */
export function controlCharDirWarning(rel: string): string {
  return `Directory ${printable(rel)} has a control character in its name, skipped: Go rejects such import paths; rename it.`;
}

/** True when `dir` is `parent` or lies below it (workspace-relative POSIX dirs, '' the root). */
export function underDir(dir: string, parent: string): boolean {
  return parent === '' || dir === parent || dir.startsWith(`${parent}/`);
}

/** `dir` relative to `parent`, which holds it ('' when they are the same). */
export function relDir(dir: string, parent: string): string {
  return parent === '' ? dir : dir === parent ? '' : dir.slice(parent.length + 1);
}

/** Workspace-relative dirs joined, empty parts ('' the root) left out. */
export function joinDir(...parts: string[]): string {
  return parts.filter(Boolean).join('/');
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

/** One walk's state: what it found and where it has been. */
interface Walk {
  realRoot: string;
  skip: SkipPath;
  res: WalkResult;
  /** Dir → whether it was walked inside a module. */
  visited: Map<string, boolean>;
  /** Directory symlinks, followed after the plain walk. */
  links: Frame[];
}

/**
 * Walks the workspace from `starts` (real, workspace-relative dirs) and finds
 * modules and .go directories. Directory symlinks are followed after the plain
 * walk, and only into real dirs not seen yet, so no dir is listed twice and
 * loops end.
 */
export function walkGoTree(realRoot: string, starts: string[], skip: SkipPath = () => false): WalkResult {
  const w: Walk = { realRoot, skip, res: { modules: [], works: [], dirs: [], warnings: [] }, visited: new Map(), links: [] };
  for (const s of starts) {
    for (const d of enclosingWorks(realRoot, s)) if (!w.res.works.includes(d)) w.res.works.push(d);
    const mod = enclosingModule(realRoot, s);
    if (mod && !w.res.modules.some((m) => m.dir === mod.dir)) w.res.modules.push({ ...mod, above: true });
    walkFrom(w, { rel: s, logical: s, mod });
  }
  // Links wait until the plain walk is done, so a target that is also reached
  // without the link keeps its own path and module.
  for (let k = 0; k < w.links.length; k++) {
    const target = linkTarget(w, w.links[k]);
    if (target !== undefined) walkFrom(w, { rel: target, logical: w.links[k].logical, mod: w.links[k].mod });
  }
  return w.res;
}

/** Where a followed link leads, or undefined for a loop, a dir outside, or one already walked. */
function linkTarget(w: Walk, l: Frame): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync.native(`${w.realRoot}/${l.rel}`);
  } catch {
    w.res.warnings.push(`Symlink loop at ${l.rel}, skipped.`);
    return undefined;
  }
  const target = relInside(w.realRoot, real);
  if (target === undefined) return undefined;
  const parent = l.rel.includes('/') ? l.rel.slice(0, l.rel.lastIndexOf('/')) : '';
  if (target === '' || parent === target || parent.startsWith(`${target}/`)) {
    w.res.warnings.push(`Symlink loop at ${l.rel} (points to ${target || '.'}), skipped.`);
    return undefined;
  }
  if (w.visited.get(target) === true || (w.visited.has(target) && !l.mod)) return undefined;
  return target;
}

function walkFrom(w: Walk, start: Frame): void {
  const stack: Frame[] = [start];
  while (stack.length > 0) {
    const f = stack.pop() as Frame;
    // A dir seen outside any module may be walked once more through a link from inside one.
    const seen = w.visited.get(f.rel);
    if (seen === true || (seen === false && !f.mod)) continue;
    w.visited.set(f.rel, !!f.mod);
    const abs = f.rel === '' ? w.realRoot : `${w.realRoot}/${f.rel}`;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      w.res.warnings.push(`Cannot read directory ${f.rel || '.'}: ${(e as Error).message}.`);
      continue;
    }
    const mod = noteModuleFiles(w.res, f, entries);
    const files = visitEntries(w, f, abs, entries, mod, stack);
    if (files.length > 0 && mod) {
      files.sort();
      w.res.dirs.push({ dir: f.rel, logicalDir: f.logical, files, moduleDir: mod.dir, moduleLogicalDir: mod.logicalDir });
    }
  }
}

/** Records a go.work and a go.mod in the dir; returns the module the dir belongs to. */
function noteModuleFiles(res: WalkResult, f: Frame, entries: fs.Dirent[]): ModuleRef | undefined {
  let mod = f.mod;
  for (const e of entries) {
    if (e.isDirectory()) continue;
    if (e.name === 'go.work' && !res.works.includes(f.rel)) res.works.push(f.rel);
    if (e.name === 'go.mod') {
      mod = { dir: f.rel, logicalDir: f.logical };
      const prev = res.modules.find((m) => m.dir === f.rel);
      if (prev) delete prev.above;
      else res.modules.push(mod);
    }
  }
  return mod;
}

/** Pushes sub-dirs, queues dir links, and returns the dir's .go file names (file links included). */
function visitEntries(w: Walk, f: Frame, abs: string, entries: fs.Dirent[], mod: ModuleRef | undefined, stack: Frame[]): string[] {
  const files: string[] = [];
  for (const e of entries) {
    const name = e.name;
    if (e.isFile()) {
      if (isGoFileName(name)) files.push(name);
    } else if (e.isDirectory()) {
      if (!isSkippedDirName(name) && !w.skip(joinRel(f.rel, name))) {
        if (hasControlChar(name)) w.res.warnings.push(controlCharDirWarning(joinRel(f.rel, name)));
        else stack.push({ rel: joinRel(f.rel, name), logical: joinRel(f.logical, name), mod });
      }
    } else if (e.isSymbolicLink()) {
      const linkRel = joinRel(f.rel, name);
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(`${abs}/${name}`, { throwIfNoEntry: false });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOOP') w.res.warnings.push(`Symlink loop at ${linkRel}, skipped.`);
        continue;
      }
      if (st?.isFile()) {
        if (isGoFileName(name)) files.push(name);
      } else if (st?.isDirectory() && !isSkippedDirName(name) && !w.skip(linkRel)) {
        if (hasControlChar(name)) w.res.warnings.push(controlCharDirWarning(linkRel));
        else w.links.push({ rel: linkRel, logical: joinRel(f.logical, name), mod });
      }
    }
  }
  return files;
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
        if (hasControlChar(e.name)) warnings.push(controlCharDirWarning(`${rel}/${e.name}`));
        else if (!otherModules.has(child)) stack.push(child);
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
