/**
 * Which main packages are binaries, and what they are called: the `binaries`
 * globs, every main package at a module root, and the dirs `extraBinaries`
 * lists (a listed dir that is no main package is a warning, never ignored).
 */
import { minimatch } from 'minimatch';
import * as path from 'path';
import type { FoundBinary } from './model';
import { NormalizedOptions } from './options';
import { PackageGraph } from './go/graph';
import { GoPackage, GoTree } from './go/types';
import { joinDir, relDir, underDir } from './go/walk';


/** Dir names that say what a binary is, not which one: a main in such a dir at a module root is named after the module. */
export const GENERIC_DIR_NAMES = new Set([
  'app', 'bin', 'cli', 'client', 'cmd', 'daemon', 'main', 'server', 'service', 'src', 'storage', 'tool', 'tools',
]);

/**
 * The default name of a main package: its dir's basename, or, for a main at
 * a module root, the module path's last element (skipping a major version
 * and a generic element: go.etcd.io/etcd/server/v3 → etcd).
 */
export function defaultBinaryName(p: GoPackage, moduleRelDir: string): string {
  // A vendored tool is named like a module root (github.com/cpuguy83/go-md2man/v2 → go-md2man).
  if (moduleRelDir !== '' && p.vendoredModule === undefined) return path.posix.basename(p.dir);
  return moduleBinaryName(p.importPath, p.dir);
}

/** The name of a main at a module root: the module path's last element that is neither a major version nor generic. */
export function moduleBinaryName(modulePath: string, dir: string): string {
  const parts = modulePath.split('/').filter((e) => !/^v[0-9]+$/.test(e));
  for (let k = parts.length - 1; k > 0; k--) if (!GENERIC_DIR_NAMES.has(parts[k])) return parts[k];
  return parts[parts.length - 1] || path.posix.basename(dir);
}

/** Every spelling options may use for a dir: relative to each enclosing module dir, and to the workspace root. */
export function dirSpellings(tree: GoTree, dir: string): string[] {
  const out = tree.modules.filter((m) => !m.error && underDir(dir, m.dir)).map((m) => relDir(dir, m.dir));
  return [...new Set([...out, dir])];
}

/** A listed dir as the tree knows it: through a vendor symlink into staging, or a followed link. */
export function canonicalDir(tree: GoTree, dir: string): string {
  if (tree.packages.has(dir)) return dir;
  const alias = tree.aliases?.get(dir);
  if (alias !== undefined) return alias;
  for (const m of tree.modules) {
    const vendor = joinDir(m.dir, 'vendor');
    if (!m.vendorLinks || !dir.startsWith(`${vendor}/`)) continue;
    const rest = dir.slice(vendor.length + 1);
    const hit = Object.keys(m.vendorLinks)
      .filter((mp) => rest === mp || rest.startsWith(`${mp}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (hit !== undefined) return joinDir(m.vendorLinks[hit], rest.slice(hit.length + 1));
  }
  return dir;
}

/** The package dirs an option entry names: the entry against each module dir (and the workspace), as the tree knows them. */
function listedPackageDirs(tree: GoTree, entry: string): string[] {
  const bases = [...new Set(['', ...tree.modules.map((m) => m.dir)])];
  return [...new Set(bases.map((b) => canonicalDir(tree, joinDir(b, entry))))].filter((d) => tree.packages.has(d));
}

/** The dirs extraBinaries lists, found against each module dir; warns for those that are no main package. */
function listedDirs(tree: GoTree, options: NormalizedOptions, warnings: string[]): Set<string> {
  const listed = new Set<string>();
  for (const entry of options.extraBinaries) {
    const hits = listedPackageDirs(tree, entry);
    if (hits.length === 0) {
      warnings.push(`extraBinaries lists "${entry}", but no module holds a Go package there: fix the path (module-relative, e.g. cmd/tool) or remove it.`);
      continue;
    }
    for (const d of hits) {
      const p = tree.packages.get(d) as GoPackage;
      if (p.name === 'main') listed.add(d);
      else warnings.push(`extraBinaries lists "${entry}", but ${d} is package ${p.name || '(tests only)'}, not main: it is not built.`);
    }
  }
  return listed;
}

/**
 * The dirs testBinaries lists, each a package with _test.go files outside
 * vendor/ (go test -c of a dir without tests writes nothing, and Go never
 * compiles a vendored package's tests); warns for the others.
 */
function listedTestDirs(tree: GoTree, options: NormalizedOptions, warnings: string[]): Set<string> {
  const listed = new Set<string>();
  for (const entry of options.testBinaries) {
    const hits = listedPackageDirs(tree, entry);
    if (hits.length === 0) {
      warnings.push(`testBinaries lists "${entry}", but no module holds a Go package there: fix the path (module-relative, e.g. test/e2e) or remove it.`);
    }
    for (const d of hits) {
      const p = tree.packages.get(d) as GoPackage;
      if (p.vendoredModule !== undefined) warnings.push(`testBinaries lists "${entry}", but ${d} is vendored, and Go does not build the tests of vendored packages: remove it.`);
      else if (p.testFiles.length === 0) warnings.push(`testBinaries lists "${entry}", but ${d} has no _test.go files, so go test -c would build nothing: remove it.`);
      else listed.add(d);
    }
  }
  return listed;
}

/** How a package dir is a binary: a main the options make one, a test package of testBinaries, or neither. */
function binaryKind(p: GoPackage, spellings: string[], listed: Set<string>, tests: Set<string>, options: NormalizedOptions, warnings: string[]): 'main' | 'test' | undefined {
  const vendored = p.vendoredModule !== undefined;
  const main =
    p.name === 'main' &&
    (listed.has(p.dir) ||
      (relDir(p.dir, p.moduleDir) === '' && !vendored) ||
      (!vendored && options.binaries.some((g) => spellings.some((s) => minimatch(s, g, { dot: false })))));
  if (main && tests.has(p.dir)) {
    // One project per dir: the main binary keeps it, and its tests still run with its test target.
    warnings.push(`testBinaries lists ${p.dir}, which is already a binary: one dir holds one project, so it is not built with go test -c; remove it from testBinaries.`);
  }
  return main ? 'main' : tests.has(p.dir) ? 'test' : undefined;
}

/** The test binary name go test -c gives a package: its dir's basename and `.test` (test/e2e → e2e.test). */
export function testBinaryName(dir: string): string {
  return `${path.posix.basename(dir)}.test`;
}

export function findBinaries(tree: GoTree, graph: PackageGraph, options: NormalizedOptions, warnings: string[]): FoundBinary[] {
  const listed = listedDirs(tree, options, warnings);
  const tests = listedTestDirs(tree, options, warnings);
  const out: FoundBinary[] = [];
  const byName = new Map<string, FoundBinary>();
  const pkgs = [...tree.packages.values()].sort((a, b) => a.dir.localeCompare(b.dir));
  for (const p of pkgs) {
    const context = graph.homeOf.get(p.dir);
    if (!context || (p.name !== 'main' && !tests.has(p.dir))) continue;
    const moduleRelDir = relDir(p.dir, p.moduleDir);
    const spellings = p.vendoredModule !== undefined ? [joinDir('vendor', p.importPath), p.dir] : dirSpellings(tree, p.dir);
    const kind = binaryKind(p, spellings, listed, tests, options, warnings);
    if (!kind) continue;
    const renamed = spellings.map((s) => options.names[s]).find((n) => n !== undefined);
    const name = renamed ?? (kind === 'test' ? testBinaryName(p.dir) : defaultBinaryName(p, moduleRelDir));
    const clash = byName.get(name);
    if (clash) {
      throw new Error(
        `Two Go binaries are named "${name}": ${clash.pkg.dir || '.'} and ${p.dir || '.'}. Rename one with the plugin option "names", e.g. {"names": {"${spellings[0] || p.dir}": "${name}-2"}}.`,
      );
    }
    const f: FoundBinary = {
      name,
      pkg: p,
      context,
      moduleRelDir: p.vendoredModule !== undefined ? spellings[0] : moduleRelDir,
      dirSpellings: spellings,
      ...(kind === 'test' ? { testBinary: true } : {}),
    };
    byName.set(name, f);
    out.push(f);
  }
  return out;
}
