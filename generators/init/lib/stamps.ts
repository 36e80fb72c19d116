/**
 * What init writes into `versionPackages`: the string variables a repo
 * stamps, found by declaration (in the binaries' main packages and in
 * packages named `version` or `buildinfo`) and by the `-X` flags of its own
 * build scripts, each kept only when the package declares it as a string var.
 */
import * as path from 'path';
import { GoDecls, parseGoDecls } from '../../../plugin/go/decls';
import { kindOfScriptValue, kindOfVar, VAR_NAME_KINDS } from '../../../plugin/vocabulary/stamp-kinds';
import { StampKind, VERSION_KEYS, VersionPackageSpec, versionPackagePath } from '../../../plugin/vocabulary/version';
import { TreeGo, TreeModule, canImport, dirOfImportPath, importPathOf, join, packageFiles, under } from '../../shared/go-tree';
import { scriptStamps } from './ldflags';

type Vars = Partial<Record<StampKind, string>>;

/** Dir names of the packages whose stamp variables init looks for, besides the mains'. */
const STAMP_PACKAGES = ['version', 'buildinfo'];

export interface StampFindings {
  /** One entry per package, main packages sharing `main`. */
  specs: VersionPackageSpec[];
  /** Each package's variables by kind, as found (the string form hides them). */
  vars: Map<string, Vars>;
  /** Flags the scripts set on something that is no string var: left out, and said. */
  notes: string[];
}

/** The declarations of the non-test files of a dir that Go compiles (vendored dirs too). */
function dirDecls(go: TreeGo, dir: string): GoDecls[] {
  const goFiles = go.tree.children(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && go.tree.isFile(join(dir, f)));
  return packageFiles(go, { dir, goFiles }).map((f) => parseGoDecls(f.text));
}

/** Adds name as kind's variable unless the kind has one already (Kubernetes' own spelling wins). */
function put(vars: Vars, kind: StampKind, name: string): void {
  if (vars[kind] === undefined || name === kind) vars[kind] = name;
}

/** The stamp variables one package declares, by name. */
function declaredVars(decls: GoDecls[]): Vars {
  const vars: Vars = {};
  for (const d of decls) {
    for (const name of d.stringVars) {
      const kind = kindOfVar(name, d.stringValues[name]);
      if (kind) put(vars, kind, name);
    }
  }
  return vars;
}

/**
 * `{package, vars}`, or the import path alone when the vars are exactly
 * Kubernetes' names and none of the six is some other var there (the string
 * form sets all six). `main` always lists its vars: it reaches every binary.
 */
function specOf(go: TreeGo, pkg: string, vars: Vars): VersionPackageSpec {
  const kubernetes = Object.entries(vars).every(([k, n]) => k === n && (VERSION_KEYS as readonly string[]).includes(k));
  if (!kubernetes || pkg === 'main') return { package: pkg, vars };
  const dir = dirOfImportPath(go, pkg);
  const others = new Set(dir === undefined ? [] : dirDecls(go, dir).flatMap((d) => d.otherVars));
  return VERSION_KEYS.some((k) => others.has(k)) ? { package: pkg, vars } : pkg;
}

/** The flags of the scripts, by package, with a kind each: the Go name's, else the value variable's. */
function scriptedVars(scripts: { file: string; text: string }[], confirm: (pkg: string, name: string) => boolean, notes: string[]): Map<string, Vars> {
  const out = new Map<string, Vars>();
  for (const s of scriptStamps(scripts)) {
    const kind = VAR_NAME_KINDS[s.name.toLowerCase()] ?? (s.valueVar ? kindOfScriptValue(s.valueVar, s.valueDefinition) : undefined);
    if (!kind) continue;
    if (!confirm(s.pkg, s.name)) {
      notes.push(`Not stamped: ${s.pkg}.${s.name} (-X in ${s.file}) is not a string variable declared in that package.`);
      continue;
    }
    const vars = out.get(s.pkg) ?? {};
    put(vars, kind, s.name);
    out.set(s.pkg, vars);
  }
  return out;
}

/**
 * The stamps of `module`: `mains` are the dirs of the main packages it builds
 * (`main` stamps all of them, so a name any of them declares otherwise is left out).
 */
export function findStamps(go: TreeGo, module: TreeModule, mains: string[], scripts: { file: string; text: string }[]): StampFindings {
  const notes: string[] = [];
  const mainDecls = mains.map((d) => dirDecls(go, d));
  const mainString = (name: string): boolean =>
    mainDecls.some((ds) => ds.some((d) => d.stringVars.includes(name))) && !mainDecls.some((ds) => ds.some((d) => d.otherVars.includes(name)));
  const confirm = (pkg: string, name: string): boolean => {
    if (pkg === 'main') return mainString(name);
    const dir = dirOfImportPath(go, pkg);
    return dir !== undefined && dirDecls(go, dir).some((d) => d.stringVars.includes(name));
  };
  const byPackage = scriptedVars(scripts, confirm, notes);
  if (!byPackage.has('main')) {
    const vars = declaredVars(mainDecls.flat().map((d) => ({ ...d, stringVars: d.stringVars.filter(mainString) })));
    if (Object.keys(vars).length > 0) byPackage.set('main', vars);
  }
  for (const d of go.dirs) {
    if (!under(d.dir, module.dir) || !STAMP_PACKAGES.includes(path.posix.basename(d.dir))) continue;
    const importPath = importPathOf(go, d.dir);
    // The scripts say what they stamp; a go.work has no module path: each module imports its own.
    if (!importPath || byPackage.has(importPath)) continue;
    if (module.mod.modulePath !== '' && !canImport(go, module, module.mod.modulePath, importPath, d.dir)) continue;
    const decls = dirDecls(go, d.dir);
    // A main (podman's test/version) is stamped as `main`, never by its import path.
    if (decls.length === 0 || decls[0].packageName === 'main') continue;
    const vars = declaredVars(decls);
    if (Object.keys(vars).length > 0) byPackage.set(importPath, vars);
  }
  const specs = [...byPackage].sort(([a], [b]) => a.localeCompare(b)).map(([pkg, vars]) => specOf(go, pkg, vars));
  return { specs, vars: byPackage, notes };
}

/** The user's entries, then each found one for a package they do not list; an empty list (stamping off) stays. */
export function mergeStamps(existing: VersionPackageSpec[] | undefined, found: VersionPackageSpec[]): VersionPackageSpec[] | undefined {
  if (existing?.length === 0) return existing;
  const listed = new Set((existing ?? []).map(versionPackagePath));
  const added = found.filter((s) => !listed.has(versionPackagePath(s)));
  if (added.length === 0) return existing;
  return [...(existing ?? []), ...added];
}

/** One line per package: its variables and the kind each gets (`found` when init read them). */
export function describeStamp(spec: VersionPackageSpec, found?: Vars): string {
  const pkg = versionPackagePath(spec);
  const vars = typeof spec === 'string' ? (found ?? Object.fromEntries(VERSION_KEYS.map((k) => [k, k]))) : (spec.vars ?? {});
  return `Version stamped into ${pkg}: ${Object.entries(vars).map(([kind, name]) => `${name} (${kind})`).join(', ')}.`;
}
