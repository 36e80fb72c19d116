import * as fs from 'fs';
import * as path from 'path';
import { parseGoMod } from './gomod';
import { HeaderCache } from './header-cache';
import { parseGoWork } from './gowork';
import { parseModulesTxt } from './modules-txt';
import { HeaderCounters, loadHeader } from './read-header';
import { isStdlibImport } from './scan-file';
import { GoFileHeader, GoImport, GoModule, GoPackage, GoTree, GoWorkFile } from './types';
import { joinRel, relInside, SkipPath, WalkedDir, walkGoTree, walkVendoredModule } from './walk';

export interface ScanOptions {
  /** Workspace-relative dirs to scan; the whole workspace by default. */
  roots?: string[];
  headerCache?: HeaderCache;
  /** Dirs kept out of the scan (the `exclude` option, .nxignore). */
  skip?: SkipPath;
}

/** What one scan shares between its steps. */
interface Scan {
  realRoot: string;
  warnings: string[];
  packages: Map<string, GoPackage>;
  counters: HeaderCounters;
  headerCache?: HeaderCache;
  isStd: (p: string) => boolean;
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
  const walked = walkGoTree(realRoot, realStarts(realRoot, opts.roots ?? [''], warnings), opts.skip);
  warnings.push(...walked.warnings);
  const modules = readModules(realRoot, walked.modules);
  const works = walked.works.sort().map((dir) => readGoWork(realRoot, dir));
  const scan: Scan = {
    realRoot,
    warnings,
    packages: new Map(),
    counters: { goFiles: 0, headersParsed: 0 },
    headerCache: opts.headerCache,
    isStd: stdPredicate(modules),
  };
  const aliases = readModulePackages(scan, walked.dirs, modules);
  const hasModule = new Set(modules.map((m) => m.dir));
  // Vendored copies of a module found above the roots are outside the scan: links only.
  const walkVendor = new Set(walked.modules.filter((m) => !m.above).map((m) => m.dir));
  // A vendor dir belongs to the module at its dir, or to a go.work there (workspace vendoring).
  const owners: VendorOwner[] = [...modules];
  for (const w of works) {
    if (hasModule.has(w.dir)) continue;
    walkVendor.add(w.dir);
    owners.push(w);
  }
  for (const owner of owners) if (!owner.error) readVendorDir(scan, owner, walkVendor.has(owner.dir));
  return { modules, works, packages: scan.packages, warnings, workspaceRoot: realRoot, aliases, stats: scan.counters };
}

/** The roots as real workspace-relative dirs; a missing or outside one is a warning. */
function realStarts(realRoot: string, roots: string[], warnings: string[]): string[] {
  const starts: string[] = [];
  for (const r of roots) {
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
  return starts;
}

/** Every go.mod found, parsed; one that does not parse carries its error and no module path. */
function readModules(realRoot: string, found: { dir: string }[]): GoModule[] {
  const modules: GoModule[] = [];
  const byDir = new Map<string, string>();
  for (const m of found) {
    const file = joinRel(m.dir, 'go.mod');
    const parsed = attempt(() => parseGoMod(fs.readFileSync(`${realRoot}/${file}`, 'utf8'), file));
    const mod = parsed.value ?? { modulePath: '', requires: [], replaces: [] };
    modules.push({ dir: m.dir, mod, root: true, ...(parsed.error ? { error: parsed.error } : {}) });
    byDir.set(m.dir, mod.modulePath);
  }
  for (const m of modules) m.root = !hasAncestorIn(m.dir, byDir);
  return modules.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

function readHeaders(scan: Scan, dir: string, files: string[]): (GoFileHeader | undefined)[] {
  return files.map((f) => {
    const rel = joinRel(dir, f);
    return loadHeader(`${scan.realRoot}/${rel}`, rel, scan.headerCache, scan.counters, scan.warnings);
  });
}

/** The packages of the modules' own dirs; returns the dirs reached through a followed link. */
function readModulePackages(scan: Scan, walkedDirs: WalkedDir[], modules: GoModule[]): Map<string, string> {
  const modulePathByDir = new Map(modules.map((m) => [m.dir, m.mod.modulePath]));
  const aliases = new Map<string, string>();
  const dirs = walkedDirs.slice().sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  for (const d of dirs) {
    const modulePath = modulePathByDir.get(d.moduleDir);
    // A module whose go.mod does not parse has no packages: its error stands for them.
    if (!modulePath || scan.packages.has(d.dir)) continue;
    const sub = d.logicalDir === d.moduleLogicalDir
      ? ''
      : d.logicalDir.slice(d.moduleLogicalDir === '' ? 0 : d.moduleLogicalDir.length + 1);
    const importPath = sub === '' ? modulePath : `${modulePath}/${sub}`;
    scan.packages.set(d.dir, buildPackage(d.dir, importPath, d.moduleDir, d.files, readHeaders(scan, d.dir, d.files), scan.isStd));
    if (d.logicalDir !== d.dir) aliases.set(d.logicalDir, d.dir);
  }
  return aliases;
}

/** <owner>/vendor/modules.txt: its entries, its links into the tree, and (when `walk`) the vendored packages. */
function readVendorDir(scan: Scan, owner: VendorOwner, walk: boolean): void {
  const txt = joinRel(owner.dir, 'vendor/modules.txt');
  let text: string;
  try {
    text = fs.readFileSync(`${scan.realRoot}/${txt}`, 'utf8');
  } catch {
    return;
  }
  const parsed = attempt(() => parseModulesTxt(text, txt));
  if (parsed.error) {
    owner.error = parsed.error;
    return;
  }
  const entries = (owner.vendor = parsed.value ?? []);
  if (/^## workspace\s*$/m.test(text)) owner.vendorWorkspace = true;
  const vendorRel = joinRel(owner.dir, 'vendor');
  const vendored = entries.map((v) => v.path);
  for (const v of entries) {
    const expected = `${scan.realRoot}/${vendorRel}/${v.path}`;
    let real: string;
    try {
      real = fs.realpathSync.native(expected);
    } catch {
      continue;
    }
    if (real !== expected) {
      // A symlinked entry stands for the in-repo module it points to.
      const target = relInside(scan.realRoot, real);
      if (target !== undefined) (owner.vendorLinks ??= {})[v.path] = target;
      continue;
    }
    if (!walk) continue;
    const others = new Set(vendored.filter((p) => p !== v.path && p.startsWith(`${v.path}/`)));
    for (const vd of walkVendoredModule(scan.realRoot, vendorRel, v.path, others, scan.warnings)) {
      if (scan.packages.has(vd.dir)) continue;
      const pkg = buildPackage(vd.dir, vd.importPath, owner.dir, vd.files, readHeaders(scan, vd.dir, vd.files), scan.isStd, true);
      pkg.vendoredModule = v.path;
      scan.packages.set(vd.dir, pkg);
    }
  }
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
  const fileConstraints: Record<string, string> = {};
  const testFileConstraints: Record<string, string> = {};
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
    const c = fileConstraint(h);
    if (c !== undefined) (test ? testFileConstraints : fileConstraints)[files[k]] = c;
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
    ...(Object.keys(fileConstraints).length > 0 ? { fileConstraints } : {}),
    ...(Object.keys(testFileConstraints).length > 0 ? { testFileConstraints } : {}),
  };
}

/** A file's build constraint as Go applies it: its `//go:build` line, and `cgo` when it imports "C". */
function fileConstraint(h: GoFileHeader): string | undefined {
  const line = h.buildConstraint?.trim() || undefined;
  if (!h.imports.some((i) => i.path === 'C')) return line;
  return line ? `(${line}) && cgo` : 'cgo';
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
