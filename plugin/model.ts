import { minimatch } from 'minimatch';
import * as fs from 'fs';
import * as path from 'path';
import { GroupConfig, groupsOf, platformsOf, resolveGroups, ResolvedGroup } from './groups';
import { cleanDir, NormalizedOptions } from './options';
import { Platform, platformString } from './platforms';
import { GoModule, GoPackage, GoTree } from './go/types';

/** A Go binary: one project, built once per platform. */
export interface BinaryModel {
  name: string;
  /** Canonical package dir, workspace-relative. */
  dir: string;
  importPath: string;
  /** The module dir `go build` runs in (a root module). */
  moduleRoot: string;
  /** The `go build` package argument, relative to moduleRoot. */
  main: string;
  /** Dir relative to the module, as users write it in options (cmd/kubelet). */
  moduleRelDir: string;
  groups: string[];
  platforms: Platform[];
  cgo: boolean;
  tags: string[];
  /** Ships a container image (the `images` option); only its linux platforms get one. */
  image: boolean;
  pkg: GoPackage;
}

export interface VendorModel {
  name: string;
  /** `<moduleDir>/vendor/<module path>` */
  dir: string;
  moduleDir: string;
  packages: GoPackage[];
}

export interface ModuleModel {
  name: string;
  dir: string;
  module: GoModule;
  releaseName: string;
  binaries: BinaryModel[];
  /** Nested (staging) modules inside this root module. */
  nested: GoModule[];
  dockerfile: string;
  groups: ResolvedGroup[];
  /** The package at the module root, when it has one (it belongs to the module project). */
  rootPackage?: GoPackage;
}

export interface WorkspaceModel {
  modules: ModuleModel[];
  binaries: BinaryModel[];
  /** Package projects (binaries and module-root packages excluded). */
  packages: GoPackage[];
  vendored: VendorModel[];
  /** Canonical package dir → owning project name. */
  projectOfDir: Map<string, string>;
  /** Canonical package dir → root module dir whose build reaches it. */
  rootModuleOfDir: Map<string, string>;
  warnings: string[];
}

const under = (dir: string, parent: string): boolean =>
  parent === '' || dir === parent || dir.startsWith(parent + '/');
const rel = (dir: string, parent: string): string =>
  parent === '' ? dir : dir === parent ? '' : dir.slice(parent.length + 1);
const join = (...parts: string[]): string => parts.filter(Boolean).join('/');

/** Turns the scanned tree into projects. Pure but for realpath of listed extra binaries. */
export function buildModel(
  tree: GoTree,
  options: NormalizedOptions,
  workspaceRoot: string,
): WorkspaceModel {
  const warnings = [...tree.warnings];
  const roots = tree.modules.filter((m) => m.root).sort((a, b) => a.dir.localeCompare(b.dir));
  const packages = [...tree.packages.values()].sort((a, b) => a.dir.localeCompare(b.dir));
  const projectOfDir = new Map<string, string>();
  const rootModuleOfDir = new Map<string, string>();
  const modules: ModuleModel[] = [];
  const binaries: BinaryModel[] = [];
  const byName = new Map<string, BinaryModel>();

  for (const m of roots) {
    for (const p of packages) if (under(p.dir, m.dir)) rootModuleOfDir.set(p.dir, m.dir);
  }

  for (const m of roots) {
    const nested = tree.modules.filter((n) => n !== m && under(n.dir, m.dir));
    const groups = resolveGroups(options.groups as Record<string, GroupConfig>);
    const extra = new Set(options.extraBinaries.map((d) => canonicalDir(workspaceRoot, join(m.dir, d))));
    const mod: ModuleModel = {
      name: '',
      dir: m.dir,
      module: m,
      releaseName: options.releaseName ?? lastElement(m.mod.modulePath),
      binaries: [],
      nested,
      dockerfile: join(m.dir, options.dockerfile),
      groups,
    };
    for (const p of packages) {
      if (!under(p.dir, m.dir) || p.name !== 'main' || p.vendoredModule) continue;
      const moduleRelDir = rel(p.dir, m.dir);
      const listed = extra.has(p.dir);
      if (!listed && !options.binaries.some((g) => minimatch(moduleRelDir, g, { dot: false }))) continue;
      const name = options.names[moduleRelDir] ?? path.posix.basename(p.dir);
      const clash = byName.get(name);
      if (clash) {
        throw new Error(
          `Two Go binaries are named "${name}": ${clash.dir} and ${p.dir}. Rename one with the plugin option "names", e.g. {"names": {"${moduleRelDir}": "${name}-2"}}.`,
        );
      }
      const own = p.moduleDir === m.dir;
      const memberOf = groupsOf(groups, name, moduleRelDir);
      // Never narrowed by KUBE_BUILD_PLATFORMS here: Nx hashes the project's
      // configuration into every task, so an env-dependent graph would miss the
      // cache. cross and release narrow what they build instead.
      const platforms = platformsOf(memberOf, options.defaultPlatforms);
      const b: BinaryModel = {
        name,
        dir: p.dir,
        importPath: p.importPath,
        moduleRoot: m.dir,
        // Packages of nested modules build from the root module through vendor/replace, as Kubernetes does.
        main: own ? './' + (moduleRelDir || '.') : p.importPath,
        moduleRelDir,
        groups: memberOf.map((g) => g.name),
        platforms,
        cgo: matchesBinary(options.cgo, name, moduleRelDir),
        tags: Object.entries(options.tags)
          .filter(([k]) => matchesBinary([k], name, moduleRelDir))
          .flatMap(([, v]) => v),
        image: matchesBinary(options.images, name, moduleRelDir),
        pkg: p,
      };
      if (b.main === './.') b.main = '.';
      byName.set(name, b);
      mod.binaries.push(b);
      binaries.push(b);
      projectOfDir.set(p.dir, name);
    }
    let modName = lastElement(m.mod.modulePath);
    if (byName.has(modName)) modName = `${modName}-module`;
    mod.name = modName;
    modules.push(mod);
  }

  // Reject binaries listed in options that do not exist, so a typo is not silently ignored.
  for (const m of modules) {
    for (const d of options.extraBinaries) {
      const dir = canonicalDir(workspaceRoot, join(m.dir, d));
      const pkg = tree.packages.get(dir);
      if (!pkg) {
        warnings.push(`extraBinaries lists "${d}" but ${join(m.dir, d)} holds no Go package.`);
      } else if (pkg.name !== 'main') {
        warnings.push(`extraBinaries lists "${d}" but ${dir} is package ${pkg.name || '(tests only)'}, not main.`);
      }
    }
  }

  if (options.imagesExplicit) {
    for (const t of options.images) {
      const matched = binaries.filter((b) => matchesBinary([t], b.name, b.moduleRelDir));
      if (matched.length === 0) {
        warnings.push(`images lists "${t}", which is no binary; binaries are ${binaries.map((b) => b.name).sort().join(', ')}.`);
      }
      for (const b of matched) {
        if (!b.platforms.some((pl) => pl.os === 'linux')) {
          warnings.push(`images lists "${t}", but ${b.name} builds for no linux platform, so it gets no image target; add it to a group with linux platforms.`);
        }
      }
    }
  }

  const vendored: VendorModel[] = [];
  const vendorByKey = new Map<string, VendorModel>();
  for (const p of packages) {
    if (!p.vendoredModule) continue;
    const key = `${p.moduleDir}\0${p.vendoredModule}`;
    let v = vendorByKey.get(key);
    if (!v) {
      v = { name: p.vendoredModule, dir: join(p.moduleDir, 'vendor', p.vendoredModule), moduleDir: p.moduleDir, packages: [] };
      vendorByKey.set(key, v);
      vendored.push(v);
    }
    v.packages.push(p);
    projectOfDir.set(p.dir, v.name);
  }

  const pkgProjects: GoPackage[] = [];
  for (const p of packages) {
    if (projectOfDir.has(p.dir)) continue;
    const rootMod = modules.find((m) => m.dir === p.dir);
    if (rootMod) {
      rootMod.rootPackage = p;
      projectOfDir.set(p.dir, rootMod.name);
      continue;
    }
    projectOfDir.set(p.dir, p.importPath);
    pkgProjects.push(p);
  }
  return { modules, binaries, packages: pkgProjects, vendored, projectOfDir, rootModuleOfDir, warnings };
}

function matchesBinary(list: string[], name: string, moduleRelDir: string): boolean {
  return list.some((t) => t === name || cleanDir(t) === moduleRelDir);
}

export function lastElement(modulePath: string): string {
  const parts = modulePath.split('/');
  let last = parts[parts.length - 1];
  // k8s.io/foo/v2 → foo
  if (/^v[0-9]+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last;
}

/** vendor/k8s.io/kube-aggregator (a symlink) and its staging target are one dir. */
function canonicalDir(workspaceRoot: string, dir: string): string {
  try {
    const real = fs.realpathSync(path.join(workspaceRoot, dir));
    const r = path.relative(fs.realpathSync(workspaceRoot), real).split(path.sep).join('/');
    return r.startsWith('..') ? dir : r;
  } catch {
    return dir;
  }
}

export { platformString };
