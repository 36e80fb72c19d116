import * as path from 'path';
import { GoDecls, parseGoDecls } from '../../plugin/go/decls';
import {
  TreeGo,
  TreeGoDir,
  TreeModule,
  canImport,
  dirOfImportPath,
  importPathOf,
  packageFiles,
  under,
} from './go-tree';

/** A version and a commit variable, in the spellings repos use: a package a new main can print. */
export const VERSION_VARS = ['gitVersion', 'GitVersion', 'Version'];
export const COMMIT_VARS = ['gitCommit', 'GitCommit', 'Commit'];

export interface VersionPackage {
  dir: string;
  importPath: string;
  packageName: string;
  decls: GoDecls[];
}

/** Merged declarations of a package's files. */
function readPackage(go: TreeGo, d: TreeGoDir): { packageName: string; decls: GoDecls[] } | undefined {
  const files = packageFiles(go, d);
  if (files.length === 0) return undefined;
  return { packageName: files[0].packageName, decls: files.map((f) => parseGoDecls(f.text)) };
}

/**
 * Version packages under `module` (nested modules included, vendor not): a
 * dir named `version` whose files declare a version and a commit string var.
 */
export function findVersionPackages(go: TreeGo, module: TreeModule): VersionPackage[] {
  const out: VersionPackage[] = [];
  for (const d of go.dirs) {
    if (!under(d.dir, module.dir) || path.posix.basename(d.dir) !== 'version') continue;
    const pkg = readPackage(go, d);
    const importPath = importPathOf(go, d.dir);
    if (!pkg || !importPath) continue;
    const vars = new Set(pkg.decls.flatMap((x) => x.stringVars));
    if (VERSION_VARS.some((v) => vars.has(v)) && COMMIT_VARS.some((v) => vars.has(v))) {
      out.push({ dir: d.dir, importPath, ...pkg });
    }
  }
  return out;
}

/** How a generated main prints its version. */
export type VersionWiring =
  | { kind: 'get'; importPath: string; packageName: string }
  | { kind: 'var'; importPath: string; packageName: string; expr: string }
  | { kind: 'none' };

/**
 * The first candidate package a new main can use and still compile: `Get()`
 * returning a struct with a GitVersion field, else an exported version var or
 * accessor; none of those means no wiring.
 */
export function versionWiring(
  go: TreeGo,
  module: TreeModule,
  mainImportPath: string,
  candidates: string[],
): VersionWiring {
  for (const importPath of candidates) {
    const dir = dirOfImportPath(go, importPath);
    if (dir === undefined || !canImport(go, module, mainImportPath, importPath, dir)) continue;
    const d = go.dirs.find((x) => x.dir === dir) as TreeGoDir;
    const pkg = readPackage(go, d);
    if (!pkg || pkg.packageName === 'main') continue;
    const get = pkg.decls.flatMap((x) => x.funcs.map((f) => ({ f, file: x }))).find(({ f }) => f.name === 'Get');
    if (get && get.f.params === '' && resultHasGitVersion(go, dir, pkg.decls, get.file, get.f.results)) {
      return { kind: 'get', importPath, packageName: pkg.packageName };
    }
    const vars = new Set(pkg.decls.flatMap((x) => x.stringVars));
    const accessor = ['GitVersion', 'Version'].find((n) => vars.has(n));
    if (accessor) return { kind: 'var', importPath, packageName: pkg.packageName, expr: accessor };
    const fn = pkg.decls
      .flatMap((x) => x.funcs)
      .find((f) => (f.name === 'GitVersion' || f.name === 'Version') && f.params === '' && f.results === 'string');
    if (fn) return { kind: 'var', importPath, packageName: pkg.packageName, expr: `${fn.name}()` };
  }
  return { kind: 'none' };
}

/** `Info`, `*Info`, `apimachineryversion.Info`: true when that struct has a GitVersion field. */
function resultHasGitVersion(go: TreeGo, dir: string, decls: GoDecls[], file: GoDecls, results: string): boolean {
  const m = /^\*? ?(?:([\p{L}_][\p{L}\p{Nd}_]*) \. )?([\p{L}_][\p{L}\p{Nd}_]*)$/u.exec(results);
  if (!m) return false;
  const [, qualifier, typeName] = m;
  if (!qualifier) {
    return decls.some((x) => x.structs[typeName]?.includes('GitVersion'));
  }
  for (const imp of file.imports) {
    if (imp.alias !== undefined && imp.alias !== qualifier) continue;
    const typeDir = dirOfImportPath(go, imp.path);
    if (typeDir === undefined || typeDir === dir) continue;
    const pkg = readPackage(go, go.dirs.find((x) => x.dir === typeDir) as TreeGoDir);
    if (!pkg || (imp.alias === undefined && pkg.packageName !== qualifier)) continue;
    return pkg.decls.some((x) => x.structs[typeName]?.includes('GitVersion'));
  }
  return false;
}
