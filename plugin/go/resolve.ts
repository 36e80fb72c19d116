import * as path from 'path';
import { isLocalPath } from './gomod';
import { isStdlibImport } from './scan-file';
import { GoModule, GoPackage, GoTree, ResolvedImport, VendoredModule } from './types';
import { joinRel, relInside } from './walk';

export type Resolver = (importPath: string, fromModuleDir: string) => ResolvedImport;

const STD: ResolvedImport = { kind: 'std' };
const UNKNOWN: ResolvedImport = { kind: 'unknown' };

/** What one importing module sees: its own path, its replaces, its vendor/modules.txt. */
interface ModuleView {
  dir: string;
  ownPath?: string;
  /** Replaced module path -> local dir, or null when replaced by a non-local module. */
  replaces: Map<string, string | null>;
  vendor?: Map<string, VendoredModule>;
  vendorLinks: Record<string, string>;
}

/**
 * Go's import resolution over a scanned tree, without a toolchain. Results are
 * cached per (import path, importing module).
 */
export function createResolver(tree: GoTree): Resolver {
  const inRepo = new Map<string, string>();
  const byDir = new Map<string, GoModule>();
  // Sorted by dir, so when two modules share a path the outermost wins.
  for (const m of [...tree.modules].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))) {
    byDir.set(m.dir, m);
    if (!inRepo.has(m.mod.modulePath)) inRepo.set(m.mod.modulePath, m.dir);
  }
  const aliases = tree.aliases ?? new Map<string, string>();
  const views = new Map<string, ModuleView>();
  const cache = new Map<string, ResolvedImport>();

  // First elements of dotless module paths: such imports are not standard library.
  const dotless = new Set<string>();
  const noteDotless = (p: string): void => {
    if (isStdlibImport(p)) dotless.add(p.split('/')[0]);
  };
  for (const m of tree.modules) {
    noteDotless(m.mod.modulePath);
    for (const r of m.mod.replaces) noteDotless(r.oldPath);
    for (const v of m.vendor ?? []) noteDotless(v.path);
  }

  const packageDir = (dir: string): string | undefined => {
    if (tree.packages.has(dir)) return dir;
    const a = aliases.get(dir);
    return a !== undefined && tree.packages.has(a) ? a : undefined;
  };

  const localDir = (moduleDir: string, target: string): string | undefined => {
    if (path.isAbsolute(target)) {
      return tree.workspaceRoot === undefined ? undefined : relInside(tree.workspaceRoot, target);
    }
    const joined = path.posix.normalize(path.posix.join(moduleDir, target.replace(/\\/g, '/')));
    if (joined === '.' || joined === './') return '';
    if (joined === '..' || joined.startsWith('../')) return undefined;
    return joined.replace(/\/$/, '');
  };

  const view = (dir: string): ModuleView => {
    let v = views.get(dir);
    if (v) return v;
    const m = byDir.get(dir);
    v = { dir, replaces: new Map(), vendorLinks: m?.vendorLinks ?? {} };
    if (m) {
      v.ownPath = m.mod.modulePath;
      for (const r of m.mod.replaces) {
        // A version-less replace applies to every version, so it wins over a versioned one.
        if (v.replaces.has(r.oldPath) && r.oldVersion !== undefined) continue;
        v.replaces.set(r.oldPath, r.local ? localDir(dir, r.newPath) ?? null : null);
      }
      if (m.vendor) v.vendor = new Map(m.vendor.map((e) => [e.path, e]));
    }
    views.set(dir, v);
    return v;
  };

  // The package must belong to the module rooted at base, not to a module nested in it.
  const inDir = (base: string, rest: string): ResolvedImport => {
    const d = packageDir(joinRel(base, rest));
    if (d === undefined) return UNKNOWN;
    const owner = (tree.packages.get(d) as GoPackage).moduleDir;
    if (owner !== base && byDir.has(base)) return UNKNOWN;
    return { kind: 'package', dir: d };
  };

  const resolveVendored = (v: ModuleView, e: VendoredModule, importPath: string): ResolvedImport => {
    const rest = importPath.slice(e.path.length + 1);
    if (e.replacement && isLocalPath(e.replacement.path)) {
      const base = localDir(v.dir, e.replacement.path);
      if (base !== undefined) {
        const r = inDir(base, rest);
        if (r.kind === 'package') return r;
      }
    }
    const link = v.vendorLinks[e.path];
    if (link !== undefined) {
      const r = inDir(link, rest);
      if (r.kind === 'package') return r;
    }
    return { kind: 'vendor', module: e.path, dir: joinRel(v.dir, `vendor/${importPath}`) };
  };

  const resolve = (importPath: string, v: ModuleView): ResolvedImport => {
    if (v.vendor) {
      for (let q = importPath; q !== ''; q = parent(q)) {
        if (q === v.ownPath) {
          const r = inDir(v.dir, importPath.slice(q.length + 1));
          if (r.kind === 'package') return r;
          break;
        }
        const e = v.vendor.get(q);
        if (e) return resolveVendored(v, e, importPath);
      }
    }
    for (let q = importPath; q !== ''; q = parent(q)) {
      const rest = importPath.slice(q.length + 1);
      if (q === v.ownPath) return inDir(v.dir, rest);
      const r = v.replaces.get(q);
      if (r !== undefined) return r === null ? UNKNOWN : inDir(r, rest);
      const d = inRepo.get(q);
      if (d !== undefined) return inDir(d, rest);
    }
    return UNKNOWN;
  };

  return (importPath, fromModuleDir) => {
    if (importPath === 'C') return STD;
    const std = isStdlibImport(importPath);
    if (std && !dotless.has(importPath.split('/', 1)[0])) return STD;
    const key = `${fromModuleDir}\n${importPath}`;
    let r = cache.get(key);
    if (r === undefined) {
      r = resolve(importPath, view(fromModuleDir));
      if (std && r.kind === 'unknown') r = STD;
      cache.set(key, r);
    }
    return r;
  };
}

function parent(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
