import * as path from 'path';
import { BuildContext } from './contexts';
import { isLocalPath } from './gomod';
import { isStdlibImport } from './scan-file';
import { GoModule, GoPackage, GoTree, ResolvedImport, VendoredModule } from './types';
import { joinRel, relInside } from './walk';

/** Where an import lands when the go command builds in `ctx`. */
export type Resolver = (importPath: string, ctx: BuildContext) => ResolvedImport;

const STD: ResolvedImport = { kind: 'std' };
const UNKNOWN: ResolvedImport = { kind: 'unknown' };

/** What one context sees, indexed once. */
interface ContextView {
  ctx: BuildContext;
  mains: Map<string, GoModule>;
  /** Module path → local dir, or the module path for a non-local replacement. */
  replaces: Map<string, { dir?: string; module?: string }>;
  vendor?: Map<string, VendoredModule>;
  requires: Set<string>;
}

const parent = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

/**
 * Go's import resolution over a scanned tree, without a toolchain, per build
 * context: main modules first, then vendor/ in vendor mode, else replace
 * directives and the required modules (which live outside the tree, in the
 * module cache). Results are cached per (context, import path).
 */
export function createResolver(tree: GoTree): Resolver {
  const aliases = tree.aliases ?? new Map<string, string>();
  const views = new Map<BuildContext, ContextView>();
  const cache = new Map<BuildContext, Map<string, ResolvedImport>>();
  const dotless = dotlessFirstElements(tree);

  const packageDir = (dir: string): string | undefined => {
    if (tree.packages.has(dir)) return dir;
    const a = aliases.get(dir);
    return a !== undefined && tree.packages.has(a) ? a : undefined;
  };

  const localDir = (baseDir: string, target: string): string | undefined => {
    if (path.isAbsolute(target)) return tree.workspaceRoot === undefined ? undefined : relInside(tree.workspaceRoot, target);
    const joined = path.posix.normalize(path.posix.join(baseDir || '.', target.replace(/\\/g, '/')));
    if (joined === '.' || joined === './') return '';
    if (joined === '..' || joined.startsWith('../')) return undefined;
    return joined.replace(/\/$/, '');
  };

  // The package must belong to the module rooted at base, not to a module nested in it.
  const inModuleDir = (base: string, rest: string): ResolvedImport => {
    const d = packageDir(joinRel(base, rest));
    if (d === undefined) return UNKNOWN;
    const p = tree.packages.get(d) as GoPackage;
    if (p.vendoredModule !== undefined || (p.moduleDir !== base && tree.modules.some((m) => m.dir === base))) return UNKNOWN;
    return { kind: 'package', dir: d };
  };

  const view = (ctx: BuildContext): ContextView => {
    let v = views.get(ctx);
    if (v) return v;
    v = { ctx, mains: new Map(), replaces: new Map(), requires: new Set() };
    for (const m of ctx.mainModules) if (m.mod.modulePath) v.mains.set(m.mod.modulePath, m);
    // go.work's replaces come first and win; a version-less replace wins over a versioned one.
    for (const { replace: r, baseDir } of ctx.replaces) {
      if (v.replaces.has(r.oldPath) && r.oldVersion !== undefined) continue;
      v.replaces.set(r.oldPath, r.local ? { dir: localDir(baseDir, r.newPath) } : { module: r.newPath });
    }
    for (const m of ctx.mainModules) for (const r of m.mod.requires) v.requires.add(r.path);
    if (ctx.vendor) v.vendor = new Map(ctx.vendor.entries.map((e) => [e.path, e]));
    views.set(ctx, v);
    return v;
  };

  const fromVendor = (v: ContextView, e: VendoredModule, importPath: string): ResolvedImport => {
    const rest = importPath.slice(e.path.length + 1);
    const links = v.ctx.vendor?.links ?? {};
    // vendor/<path> is what Go compiles; a symlink there stands for the in-repo module it points to.
    const link = links[e.path];
    if (link !== undefined) {
      const r = inModuleDir(link, rest);
      if (r.kind === 'package') return r;
    }
    const dir = joinRel(v.ctx.dir, `vendor/${importPath}`);
    if (tree.packages.has(dir)) return { kind: 'vendor', module: e.path, dir };
    if (e.replacement && isLocalPath(e.replacement.path)) {
      const base = localDir(v.ctx.dir, e.replacement.path);
      const r = base === undefined ? UNKNOWN : inModuleDir(base, rest);
      if (r.kind === 'package') return r;
    }
    return { kind: 'vendor', module: e.path, dir };
  };

  const resolve = (importPath: string, v: ContextView): ResolvedImport => {
    for (let q = importPath; q !== ''; q = parent(q)) {
      const m = v.mains.get(q);
      if (m) {
        const r = inModuleDir(m.dir, importPath.slice(q.length + 1));
        if (r.kind === 'package') return r;
      }
    }
    if (v.vendor) {
      for (let q = importPath; q !== ''; q = parent(q)) {
        const e = v.vendor.get(q);
        if (e) return fromVendor(v, e, importPath);
      }
      return UNKNOWN;
    }
    for (let q = importPath; q !== ''; q = parent(q)) {
      const r = v.replaces.get(q);
      if (r) {
        if (r.dir === undefined) return r.module ? { kind: 'external', module: q } : UNKNOWN;
        return inModuleDir(r.dir, importPath.slice(q.length + 1));
      }
      if (v.requires.has(q)) return { kind: 'external', module: q };
    }
    return UNKNOWN;
  };

  return (importPath, ctx) => {
    if (importPath === 'C') return STD;
    const std = isStdlibImport(importPath);
    if (std && !dotless.has(importPath.split('/', 1)[0])) return STD;
    let perCtx = cache.get(ctx);
    if (!perCtx) cache.set(ctx, (perCtx = new Map()));
    let r = perCtx.get(importPath);
    if (r === undefined) {
      r = resolve(importPath, view(ctx));
      if (std && r.kind === 'unknown') r = STD;
      perCtx.set(importPath, r);
    }
    return r;
  };
}

/** First elements of dotless module paths: imports under them are not standard library. */
function dotlessFirstElements(tree: GoTree): Set<string> {
  const dotless = new Set<string>();
  const note = (p: string): void => {
    if (p !== '' && isStdlibImport(p)) dotless.add(p.split('/')[0]);
  };
  for (const m of tree.modules) {
    note(m.mod.modulePath);
    for (const r of m.mod.replaces) note(r.oldPath);
    for (const v of m.vendor ?? []) note(v.path);
  }
  return dotless;
}
