import * as fs from 'fs';
import * as path from 'path';
import { parseGoMod } from './gomod';
import { HeaderCache } from './header-cache';
import { parseGoWork } from './gowork';
import { parseModulesTxt } from './modules-txt';
import { HeaderCounters, loadHeader } from './read-header';
import { isStdlibImport } from './scan-file';
import { GoFileHeader, GoImport, GoModule, GoPackage, GoTree, GoWorkFile } from './types';
import { joinRel, relInside, SkipPath, walkGoTree, walkVendoredModule } from './walk';

export interface ScanOptions {
  /** Workspace-relative dirs to scan; the whole workspace by default. */
  roots?: string[];
  headerCache?: HeaderCache;
  /** Dirs kept out of the scan (the `exclude` option, .nxignore). */
  skip?: SkipPath;
}

/**
 * Reads the Go modules, go.work files and packages of a workspace from files
 * alone. A go.mod, go.work or vendor/modules.txt that does not parse marks its
 * own module (or workspace) with the error, so the rest still loads;
 * unreadable .go files and skipped symlinks become warnings.
 */
export function scanGoTree(workspaceRoot: string, opts: ScanOptions = {}): GoTree {
  const realRoot = fs.realpathSync.native(path.resolve(workspaceRoot));
  const warnings: string[] = [];
  const starts: string[] = [];
  for (const r of opts.roots ?? ['']) {
    let real: string;
    try {
      real = fs.realpathSync.native(path.resolve(realRoot, r));
    } catch {
      warnings.push(`Root ${r} does not exist, skipped.`);
      continue;
    }
    const rel = relInside(realRoot, real);
    if (rel === undefined) warnings.push(`Root ${r} is outside the workspace, skipped.`);
    else starts.push(rel);
  }

  const walked = walkGoTree(realRoot, starts, opts.skip);
  warnings.push(...walked.warnings);

  const modules: GoModule[] = [];
  const modulePathByDir = new Map<string, string>();
  for (const m of walked.modules) {
    const file = joinRel(m.dir, 'go.mod');
    const parsed = attempt(() => parseGoMod(fs.readFileSync(`${realRoot}/${file}`, 'utf8'), file));
    const mod = parsed.value ?? { modulePath: '', requires: [], replaces: [] };
    modules.push({ dir: m.dir, mod, root: true, ...(parsed.error ? { error: parsed.error } : {}) });
    modulePathByDir.set(m.dir, mod.modulePath);
  }
  const works = walked.works.sort().map((dir) => readGoWork(realRoot, dir));
  for (const m of modules) m.root = !hasAncestorIn(m.dir, modulePathByDir);
  modules.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));

  const counters: HeaderCounters = { goFiles: 0, headersParsed: 0 };
  const isStd = stdPredicate(modules);
  const packages = new Map<string, GoPackage>();
  const aliases = new Map<string, string>();
  const readHeaders = (dir: string, files: string[]): (GoFileHeader | undefined)[] =>
    files.map((f) => {
      const rel = joinRel(dir, f);
      return loadHeader(`${realRoot}/${rel}`, rel, opts.headerCache, counters, warnings);
    });

  const dirs = walked.dirs.slice().sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  for (const d of dirs) {
    const modulePath = modulePathByDir.get(d.moduleDir);
    // A module whose go.mod does not parse has no packages: its error stands for them.
    if (!modulePath || packages.has(d.dir)) continue;
    const sub = d.logicalDir === d.moduleLogicalDir
      ? ''
      : d.logicalDir.slice(d.moduleLogicalDir === '' ? 0 : d.moduleLogicalDir.length + 1);
    const importPath = sub === '' ? modulePath : `${modulePath}/${sub}`;
    packages.set(d.dir, buildPackage(d.dir, importPath, d.moduleDir, d.files, readHeaders(d.dir, d.files), isStd));
    if (d.logicalDir !== d.dir) aliases.set(d.logicalDir, d.dir);
  }

  // Vendored copies of a module found above the roots are outside the scan: links only.
  const walkVendor = new Set(walked.modules.filter((m) => !m.above).map((m) => m.dir));
  for (const w of works) if (!modulePathByDir.has(w.dir)) walkVendor.add(w.dir);
  // A vendor dir belongs to the module at its dir, and to a go.work there (workspace vendoring).
  const vendorOwners: VendorOwner[] = [...modules];
  for (const w of works) if (!modulePathByDir.has(w.dir)) vendorOwners.push(w);
  for (const m of vendorOwners) {
    if (m.error) continue;
    const txt = joinRel(m.dir, 'vendor/modules.txt');
    let text: string;
    try {
      text = fs.readFileSync(`${realRoot}/${txt}`, 'utf8');
    } catch {
      continue;
    }
    const parsed = attempt(() => parseModulesTxt(text, txt));
    if (parsed.error) {
      m.error = parsed.error;
      continue;
    }
    const entries = (m.vendor = parsed.value ?? []);
    if (/^## workspace\s*$/m.test(text)) m.vendorWorkspace = true;
    const vendorRel = joinRel(m.dir, 'vendor');
    const vendored = new Set(entries.map((v) => v.path));
    for (const v of entries) {
      const expected = `${realRoot}/${vendorRel}/${v.path}`;
      let real: string;
      try {
        real = fs.realpathSync.native(expected);
      } catch {
        continue;
      }
      if (real !== expected) {
        // A symlinked entry stands for the in-repo module it points to.
        const target = relInside(realRoot, real);
        if (target !== undefined) (m.vendorLinks ??= {})[v.path] = target;
        continue;
      }
      if (!walkVendor.has(m.dir)) continue;
      const others = new Set([...vendored].filter((p) => p !== v.path && p.startsWith(`${v.path}/`)));
      for (const vd of walkVendoredModule(realRoot, vendorRel, v.path, others, warnings)) {
        if (packages.has(vd.dir)) continue;
        const pkg = buildPackage(vd.dir, vd.importPath, m.dir, vd.files, readHeaders(vd.dir, vd.files), isStd, true);
        pkg.vendoredModule = v.path;
        packages.set(vd.dir, pkg);
      }
    }
  }

  return { modules, works, packages, warnings, workspaceRoot: realRoot, aliases, stats: counters };
}

type VendorOwner = Pick<GoModule, 'dir' | 'vendor' | 'vendorLinks' | 'vendorWorkspace' | 'error'>;

function attempt<T>(f: () => T): { value?: T; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A go.work and the module dirs it uses (workspace-relative; a use outside the workspace is dropped with a warning). */
function readGoWork(realRoot: string, dir: string): GoWorkFile {
  const file = joinRel(dir, 'go.work');
  const parsed = attempt(() => parseGoWork(fs.readFileSync(`${realRoot}/${file}`, 'utf8'), file));
  if (!parsed.value) return { dir, uses: [], replaces: [], error: parsed.error };
  const uses: string[] = [];
  const outside: string[] = [];
  for (const u of parsed.value.uses) {
    const abs = path.resolve(`${realRoot}/${dir}`, u);
    let real = abs;
    try {
      real = fs.realpathSync.native(abs);
    } catch {
      // A missing dir is reported where the workspace is put together.
    }
    const rel = relInside(realRoot, real);
    if (rel === undefined) outside.push(u);
    else if (!uses.includes(rel)) uses.push(rel);
  }
  return { dir, uses, replaces: parsed.value.replaces, work: parsed.value, ...(outside.length ? { outside } : {}) };
}

function buildPackage(
  dir: string,
  importPath: string,
  moduleDir: string,
  files: string[],
  headers: (GoFileHeader | undefined)[],
  isStd: (p: string) => boolean,
  vendored = false,
): GoPackage {
  const goFiles: string[] = [];
  const testFiles: string[] = [];
  const embeds = new Set<string>();
  const imports: GoImport[] = [];
  let name: string | undefined;
  let fallbackName = '';
  for (let k = 0; k < files.length; k++) {
    const file = joinRel(dir, files[k]);
    const test = files[k].endsWith('_test.go');
    (test ? testFiles : goFiles).push(file);
    const h = headers[k];
    if (!h) continue;
    if (!test && h.packageName !== '') {
      // Go leaves out `//go:build ignore` files and `package documentation`.
      if (name === undefined && h.buildConstraint !== 'ignore' && h.packageName !== 'documentation') {
        name = h.packageName;
      }
      if (fallbackName === '') fallbackName = h.packageName;
    }
    for (const e of h.embeds) embeds.add(e);
    // Go never compiles `//go:build ignore` files, nor the tests of vendored packages.
    if (h.buildConstraint?.trim() === 'ignore' || (vendored && test)) continue;
    const seen = new Set<string>();
    for (const imp of h.imports) {
      if (seen.has(imp.path) || isStd(imp.path)) continue;
      seen.add(imp.path);
      imports.push({ path: imp.path, file, test, ...(h.buildConstraint !== undefined ? { constraint: h.buildConstraint } : {}) });
    }
  }
  return {
    dir,
    importPath,
    name: name ?? fallbackName,
    moduleDir,
    goFiles,
    testFiles,
    embeds: [...embeds].sort(),
    imports,
  };
}

/** Standard library by Go's first-element rule, except paths under a dotless in-repo module path. */
function stdPredicate(modules: GoModule[]): (p: string) => boolean {
  const dotless = new Set<string>();
  for (const m of modules) {
    for (const p of [m.mod.modulePath, ...m.mod.replaces.map((r) => r.oldPath)]) {
      if (p !== '' && isStdlibImport(p)) dotless.add(p);
    }
  }
  if (dotless.size === 0) return isStdlibImport;
  return (p) => {
    if (!isStdlibImport(p)) return false;
    for (let q = p; ; q = q.slice(0, q.lastIndexOf('/'))) {
      if (dotless.has(q)) return false;
      if (!q.includes('/')) return true;
    }
  };
}

function hasAncestorIn(dir: string, dirs: Map<string, unknown>): boolean {
  if (dir === '') return false;
  for (let d = dir; ; ) {
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
    if (dirs.has(d)) return true;
    if (d === '') return false;
  }
}
