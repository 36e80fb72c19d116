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

/** What a resolver keeps between calls: the tree, each context's view, and the answers so far. */
interface ResolverState {
  tree: GoTree;
  aliases: Map<string, string>;
  views: Map<BuildContext, ContextView>;
}

function packageDir(s: ResolverState, dir: string): string | undefined {
  if (s.tree.packages.has(dir)) return dir;
  const a = s.aliases.get(dir);
  return a !== undefined && s.tree.packages.has(a) ? a : undefined;
}

/** A replace target or vendor replacement as a workspace-relative dir; undefined when it leaves the workspace. */
function localDir(tree: GoTree, baseDir: string, target: string): string | undefined {
  if (path.isAbsolute(target)) return tree.workspaceRoot === undefined ? undefined : relInside(tree.workspaceRoot, target);
  const joined = path.posix.normalize(path.posix.join(baseDir || '.', target.replace(/\\/g, '/')));
  if (joined === '.' || joined === './') return '';
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined.replace(/\/$/, '');
}

/** The package at base/rest, when it belongs to the module rooted at base, not to a module nested in it. */
function inModuleDir(s: ResolverState, base: string, rest: string): ResolvedImport {
  const d = packageDir(s, joinRel(base, rest));
  if (d === undefined) return UNKNOWN;
  const p = s.tree.packages.get(d) as GoPackage;
  if (p.vendoredModule !== undefined || (p.moduleDir !== base && s.tree.modules.some((m) => m.dir === base))) return UNKNOWN;
  return { kind: 'package', dir: d };
}

function contextView(s: ResolverState, ctx: BuildContext): ContextView {
  let v = s.views.get(ctx);
  if (v) return v;
  v = { ctx, mains: new Map(), replaces: new Map(), requires: new Set() };
  for (const m of ctx.mainModules) if (m.mod.modulePath) v.mains.set(m.mod.modulePath, m);
  // go.work's replaces come first and win; a version-less replace wins over a versioned one.
  for (const { replace: r, baseDir } of ctx.replaces) {
    if (v.replaces.has(r.oldPath) && r.oldVersion !== undefined) continue;
    v.replaces.set(r.oldPath, r.local ? { dir: localDir(s.tree, baseDir, r.newPath) } : { module: r.newPath });
  }
  for (const m of ctx.mainModules) for (const r of m.mod.requires) v.requires.add(r.path);
  if (ctx.vendor) v.vendor = new Map(ctx.vendor.entries.map((e) => [e.path, e]));
  s.views.set(ctx, v);
  return v;
}

/** vendor/<path> is what Go compiles; a symlink there stands for the in-repo module it points to. */
function fromVendor(s: ResolverState, v: ContextView, e: VendoredModule, importPath: string): ResolvedImport {
  const rest = importPath.slice(e.path.length + 1);
  const link = v.ctx.vendor?.links[e.path];
  if (link !== undefined) {
    const r = inModuleDir(s, link, rest);
    if (r.kind === 'package') return r;
  }
  const dir = joinRel(v.ctx.dir, `vendor/${importPath}`);
  if (s.tree.packages.has(dir)) return { kind: 'vendor', module: e.path, dir };
  if (e.replacement && isLocalPath(e.replacement.path)) {
    const base = localDir(s.tree, v.ctx.dir, e.replacement.path);
    const r = base === undefined ? UNKNOWN : inModuleDir(s, base, rest);
    if (r.kind === 'package') return r;
  }
  return { kind: 'vendor', module: e.path, dir };
}

/** Main modules first, then vendor/ in vendor mode, else replace directives and required modules. */
function resolveIn(s: ResolverState, importPath: string, v: ContextView): ResolvedImport {
  for (let q = importPath; q !== ''; q = parent(q)) {
    const m = v.mains.get(q);
    if (m) {
      const r = inModuleDir(s, m.dir, importPath.slice(q.length + 1));
      if (r.kind === 'package') return r;
    }
  }
  if (v.vendor) {
    for (let q = importPath; q !== ''; q = parent(q)) {
      const e = v.vendor.get(q);
      if (e) return fromVendor(s, v, e, importPath);
    }
    return UNKNOWN;
  }
  for (let q = importPath; q !== ''; q = parent(q)) {
    const r = v.replaces.get(q);
    if (r) {
      if (r.dir === undefined) return r.module ? { kind: 'external', module: q } : UNKNOWN;
      return inModuleDir(s, r.dir, importPath.slice(q.length + 1));
    }
    if (v.requires.has(q)) return { kind: 'external', module: q };
  }
  return UNKNOWN;
}

/**
 * Go's import resolution over a scanned tree, without a toolchain, per build
 * context: main modules first, then vendor/ in vendor mode, else replace
 * directives and the required modules (which live outside the tree, in the
 * module cache). Results are cached per (context, import path).
 */
export function createResolver(tree: GoTree): Resolver {
  const s: ResolverState = { tree, aliases: tree.aliases ?? new Map(), views: new Map() };
  const cache = new Map<BuildContext, Map<string, ResolvedImport>>();
  const dotless = dotlessFirstElements(tree);
  return (importPath, ctx) => {
    if (importPath === 'C') return STD;
    const std = isStdlibImport(importPath);
    if (std && !dotless.has(importPath.split('/', 1)[0])) return STD;
    let perCtx = cache.get(ctx);
    if (!perCtx) cache.set(ctx, (perCtx = new Map()));
    let r = perCtx.get(importPath);
    if (r === undefined) {
      r = resolveIn(s, importPath, contextView(s, ctx));
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
