import * as path from 'path';
import { groupsOf, platformsOf, resolveGroups, ResolvedGroup } from './groups';
import { findBinaries } from './binaries';
import { cleanDir, NormalizedOptions } from './options';
import { Platform, platformString } from './platforms';
import { BuildContext, goPackageArg, requiresModuleCache } from './go/contexts';
import { joinDir, underDir } from './go/walk';
import { PackageGraph } from './go/graph';
import { GoPackage, GoTree } from './go/types';
import { nameProjects } from './names';
import { CGO_PLATFORMS } from './vocabulary/cgo';
import { Linking, linkingOf } from './linking';
import { DroppedPlatform, droppedReason, PlatformSupport } from './go/platform-support';

/** A Go binary: one project, built once per platform. */
export interface BinaryModel {
  name: string;
  /** Canonical package dir, workspace-relative. */
  dir: string;
  importPath: string;
  /** The dir `go build` runs in: the build context (a module, or a go.work dir). */
  moduleRoot: string;
  /** The `go build` package argument, relative to moduleRoot. */
  main: string;
  /** Dir relative to its own module, as users write it in options (cmd/kubelet). */
  moduleRelDir: string;
  /** Every spelling of the dir options may use: relative to each enclosing module, and to the workspace. */
  dirSpellings: string[];
  groups: string[];
  /** The platforms of its groups (or the defaults) that its build constraints allow: one configuration each. */
  platforms: Platform[];
  /** Platforms of its groups that build constraints rule out, each with the package that has no file there. */
  droppedPlatforms: DroppedPlatform[];
  /** Platforms that build only with cgo on (the binary is not in the cgo option), each with the package that needs it. */
  needsCgo: DroppedPlatform[];
  cgo: boolean;
  /** Platforms a binary outside staticBinaries builds with CGO_ENABLED=0: the cgo image has no C compiler there. */
  staticPlatforms: string[];
  tags: string[];
  /** Ships a container image (the `images` option); only its linux platforms get one. */
  image: boolean;
  /** A test package of `testBinaries`, built with `go test -c` (e2e.test); its tests and their imports are its sources. */
  testBinary: boolean;
  pkg: GoPackage;
}

export interface VendorModel {
  name: string;
  /** `<owner dir>/vendor/<module path>` */
  dir: string;
  /** The dir whose vendor/ holds it: a module, or a go.work dir. */
  moduleDir: string;
  module: string;
  packages: GoPackage[];
}

/** A module project: a build context that builds binaries, or a top-level module (or go.work) of the workspace. */
export interface ModuleModel {
  name: string;
  dir: string;
  /** The module path at dir, '' for a go.work dir without a go.mod. */
  modulePath: string;
  context: BuildContext;
  releaseName: string;
  /** The binaries that build in this context. */
  binaries: BinaryModel[];
  /** The build image definition, workspace-relative; the top-level module's, shared by every context below it. */
  dockerfile: string;
  /** The project that holds the build-image target (this one, or the top-level module above it). */
  imageProject: string;
  /** Holds the build-image target. */
  top: boolean;
  /** Is a project (go:module): a top-level module or a context that builds binaries. Other contexts only run tests. */
  project: boolean;
  groups: ResolvedGroup[];
  /** The package at dir, when it has one (it belongs to this project). */
  rootPackage?: GoPackage;
  /** go.mod, go.sum, vendor/modules.txt, go.work and go.work.sum whose change affects every build here. */
  fileInputs: string[];
  /** Needs a module cache `mod-download` fills: no vendor/ in force, and some module required from outside the tree. */
  needsModCache: boolean;
}

export interface WorkspaceModel {
  /** Every build context; those with `project` are module projects. */
  modules: ModuleModel[];
  binaries: BinaryModel[];
  /** Package projects (binaries and module-root packages excluded). */
  packages: GoPackage[];
  vendored: VendorModel[];
  /** Canonical package dir → owning project name. */
  projectOfDir: Map<string, string>;
  /** Package dir → its project's module project (the context it builds in). */
  moduleOfDir: Map<string, ModuleModel>;
  warnings: string[];
}


/** Turns the scanned tree and its package graph into projects. Pure. */
export function buildModel(tree: GoTree, graph: PackageGraph, options: NormalizedOptions): WorkspaceModel {
  const warnings: string[] = [];
  const groups = resolveGroups(options.groups);
  const found = findBinaries(tree, graph, options, warnings);
  const support = new PlatformSupport(tree, graph);
  const binaries = found.map((f) => binaryModel(f, groups, options, support));
  reportUnbuildable(binaries, warnings);
  const modules = moduleModels(tree, graph, binaries, groups, options);
  reportImages(binaries, options, warnings);

  const vendored: VendorModel[] = [];
  const vendorByDir = new Map<string, VendorModel>();
  const binaryDirs = new Set(binaries.map((b) => b.dir));
  // A vendored tool built as a binary (extraBinaries) is its own project inside its module's, and the
  // vendored packages below its dir are its files as Nx sees them (the nearest project root holds a file).
  const vendoredTools = binaries.filter((b) => b.pkg.vendoredModule !== undefined);
  const toolOf = (dir: string) => vendoredTools.find((b) => dir === b.dir || dir.startsWith(`${b.dir}/`));
  const toolPackages = new Map<string, string>();
  for (const p of tree.packages.values()) {
    if (p.vendoredModule === undefined || binaryDirs.has(p.dir)) continue;
    const tool = toolOf(p.dir);
    if (tool) {
      toolPackages.set(p.dir, tool.name);
      continue;
    }
    const dir = joinDir(p.moduleDir, 'vendor', p.vendoredModule);
    let v = vendorByDir.get(dir);
    if (!v) {
      v = { name: p.vendoredModule, dir, moduleDir: p.moduleDir, module: p.vendoredModule, packages: [] };
      vendorByDir.set(dir, v);
      vendored.push(v);
    }
    v.packages.push(p);
  }

  const moduleByDir = new Map(modules.filter((m) => m.project).map((m) => [m.dir, m]));
  const packages = [...tree.packages.values()]
    .filter((p) => p.vendoredModule === undefined && !binaryDirs.has(p.dir) && !moduleByDir.has(p.dir))
    .sort((a, b) => a.dir.localeCompare(b.dir));
  for (const m of moduleByDir.values()) {
    const p = tree.packages.get(m.dir);
    if (p && p.vendoredModule === undefined) m.rootPackage = p;
  }

  const projectOfDir = nameProjects({ binaries, modules: [...moduleByDir.values()], packages, vendored, graph });
  for (const [dir, name] of toolPackages) projectOfDir.set(dir, name);
  const moduleOfDir = new Map<string, ModuleModel>();
  const moduleOfContext = new Map(modules.map((m) => [m.context, m]));
  for (const p of tree.packages.values()) {
    const ctx = graph.homeOf.get(p.dir);
    const m = ctx ? moduleOfContext.get(ctx) : undefined;
    if (m) moduleOfDir.set(p.dir, m);
  }
  vendored.sort((a, b) => a.dir.localeCompare(b.dir));
  return { modules, binaries, packages, vendored, projectOfDir, moduleOfDir, warnings };
}

interface FoundBinary {
  name: string;
  pkg: GoPackage;
  context: BuildContext;
  moduleRelDir: string;
  dirSpellings: string[];
  /** Listed in testBinaries: built with go test -c. */
  testBinary?: boolean;
}
export type { FoundBinary };

function binaryModel(f: FoundBinary, groups: ResolvedGroup[], options: NormalizedOptions, support: PlatformSupport): BinaryModel {
  const memberOf = groupsOf(groups, f.name, f.dirSpellings);
  const ctx = f.context;
  const p = f.pkg;
  const linking = linkingOf(options, f.name, (list) => matchesBinary(list, f.name, f.dirSpellings));
  const cgo = linking !== 'static';
  // "*" gives every binary its tags (Kubernetes builds all with selinux,notest), the binary's own follow.
  const tags = [
    ...new Set(
      Object.entries(options.tags)
        .filter(([k]) => k === ALL_BINARIES)
        .concat(Object.entries(options.tags).filter(([k]) => k !== ALL_BINARIES && matchesBinary([k], f.name, f.dirSpellings)))
        .flatMap(([, v]) => v),
    ),
  ];
  // Never narrowed by KUBE_BUILD_PLATFORMS here: Nx hashes the project's
  // configuration into every task, so an env-dependent graph would miss the
  // cache. cross and release narrow what they build instead.
  const wanted = platformsOf(memberOf, options.defaultPlatforms);
  const testBinary = f.testBinary === true;
  const { buildable, dropped, needsCgo, staticPlatforms } = supportOf(support, f, wanted, { tags, linking, tests: testBinary });
  return {
    name: f.name,
    dir: p.dir,
    importPath: p.importPath,
    moduleRoot: ctx.dir,
    // A package of a module built through vendor/ (a staging module) builds by import path, as Kubernetes does.
    main: goPackageArg(p, ctx),
    moduleRelDir: f.moduleRelDir,
    dirSpellings: f.dirSpellings,
    groups: memberOf.map((g) => g.name),
    platforms: wanted.filter((w) => buildable.includes(w)),
    droppedPlatforms: dropped,
    needsCgo,
    cgo,
    staticPlatforms,
    tags,
    image: matchesBinary(options.images, f.name, f.dirSpellings),
    testBinary,
    pkg: p,
  };
}

/**
 * The platforms a binary builds for with its linking: a cgo binary only where the cgo image has a C compiler;
 * one cgo only where possible (outside staticBinaries) builds static on the others, as golang.sh gets there.
 */
function supportOf(support: PlatformSupport, f: FoundBinary, wanted: Platform[], o: { tags: string[]; linking: Linking; tests: boolean }) {
  const hasCc = (pl: Platform) => CGO_PLATFORMS.includes(platformString(pl));
  if (o.linking !== 'cgo-where-possible') {
    const r = support.of(f.pkg, f.context, wanted, { tags: o.tags, cgo: o.linking === 'cgo', tests: o.tests });
    if (o.linking === 'cgo') dropNoCCompiler(f.name, f.pkg, r.buildable, r.dropped);
    return { ...r, staticPlatforms: [] as string[] };
  }
  const withCc = support.of(f.pkg, f.context, wanted.filter(hasCc), { tags: o.tags, cgo: true, tests: o.tests });
  const without = support.of(f.pkg, f.context, wanted.filter((pl) => !hasCc(pl)), { tags: o.tags, cgo: false, tests: o.tests });
  return {
    buildable: [...withCc.buildable, ...without.buildable],
    dropped: [...withCc.dropped, ...without.dropped],
    needsCgo: [...withCc.needsCgo, ...without.needsCgo],
    staticPlatforms: without.buildable.map(platformString),
  };
}

/** Top-level modules and go.work dirs, and every context that builds a binary. */
function moduleModels(
  tree: GoTree,
  graph: PackageGraph,
  binaries: BinaryModel[],
  groups: ResolvedGroup[],
  options: NormalizedOptions,
): ModuleModel[] {
  const ctxByDir = new Map(graph.contexts.list.map((c) => [c.dir, c]));
  const dirs = [...ctxByDir.keys()];
  const tops = dirs.filter((d) => !dirs.some((o) => o !== d && underDir(d, o)));
  const withBinaries = new Set(binaries.map((b) => b.moduleRoot));
  const byName = new Set(binaries.map((b) => b.name));
  const out: ModuleModel[] = [];
  for (const dir of dirs.sort()) {
    const ctx = ctxByDir.get(dir) as BuildContext;
    const top = tops.includes(dir);
    const topDir = top ? dir : (tops.find((t) => underDir(dir, t)) as string);
    const mod = tree.modules.find((m) => m.dir === dir);
    const modulePath = mod?.mod.modulePath ?? '';
    const rootBinary = binaries.find((b) => b.dir === dir);
    let name = rootBinary?.name ?? (modulePath ? lastElement(modulePath) : dir ? path.posix.basename(dir) : 'go-work');
    if (!rootBinary && byName.has(name)) name = `${name}-module`;
    out.push({
      name,
      dir,
      modulePath,
      context: ctx,
      releaseName: options.releaseName ?? (modulePath ? lastElement(modulePath) : name),
      binaries: binaries.filter((b) => b.moduleRoot === dir),
      dockerfile: joinDir(topDir, options.dockerfile),
      imageProject: '',
      top,
      project: top || withBinaries.has(dir),
      groups,
      fileInputs: contextFileInputs(ctx),
      needsModCache: !ctx.vendor && requiresModuleCache(ctx.mainModules.map((m) => m.mod), ctx.replaces.map((r) => r.replace)),
    });
  }
  const seen = new Set<string>();
  for (const m of out.filter((o) => o.project)) {
    // Two module projects never share a name: the later one takes its module path (or dir).
    if (seen.has(m.name) && !binaries.some((b) => b.dir === m.dir)) m.name = m.modulePath || m.dir;
    seen.add(m.name);
  }
  for (const m of out) {
    const top = m.top ? m : out.find((t) => t.top && underDir(m.dir, t.dir));
    m.imageProject = (top ?? m).name;
    if (!m.top) m.dockerfile = (top ?? m).dockerfile;
  }
  return out;
}

/** The files whose change affects every build of a context. */
export function contextFileInputs(ctx: BuildContext): string[] {
  const files = ctx.kind === 'workspace' ? [joinDir(ctx.dir, 'go.work'), joinDir(ctx.dir, 'go.work.sum')] : [];
  for (const m of ctx.mainModules) files.push(joinDir(m.dir, 'go.mod'), joinDir(m.dir, 'go.sum'));
  files.push(joinDir(ctx.dir, 'vendor/modules.txt'));
  return [...new Set(files)].map((f) => `{workspaceRoot}/${f}`);
}

/** A cgo binary builds only where the cgo image has a C compiler: the other platforms are dropped, saying so. */
function dropNoCCompiler(name: string, p: GoPackage, buildable: Platform[], dropped: DroppedPlatform[]): void {
  for (const pl of [...buildable]) {
    if (CGO_PLATFORMS.includes(platformString(pl))) continue;
    buildable.splice(buildable.indexOf(pl), 1);
    dropped.push({
      platform: platformString(pl),
      importPath: p.importPath,
      dir: p.dir,
      files: [],
      needsCgo: false,
      reason: `${name} builds with cgo, and the cgo image has C compilers only for ${CGO_PLATFORMS.join(', ')}`,
    });
  }
}

/** A binary no platform of its groups can build gets no build target: say why, once per command. */
function reportUnbuildable(binaries: BinaryModel[], warnings: string[]): void {
  for (const b of binaries) {
    if (b.needsCgo.length > 0) {
      const d = b.needsCgo[0];
      warnings.push(
        `${b.name} builds for ${b.needsCgo.map((x) => x.platform).join(', ')} only with cgo (${d.importPath}${d.importedBy ? `, imported by ${d.importedBy}` : ''}, needs it): add "${b.name}" to the cgo option with the Debian packages of its C libraries in cgoPackages, set KUBE_CGO_OVERRIDES="${b.name}" for one run, or set tags that leave the package out.`,
      );
    }
    if (b.platforms.length > 0 || b.droppedPlatforms.length === 0) continue;
    const d = b.droppedPlatforms[0];
    warnings.push(
      `${b.name} builds for none of its platforms (${b.droppedPlatforms.map((x) => x.platform).join(', ')}), so it has no build target: ${droppedReason(d)}${
        d.needsCgo ? '' : '; set the tags its build needs, or give it a group or defaultPlatforms with a platform its code supports'
      }.`,
    );
  }
}

function reportImages(binaries: BinaryModel[], options: NormalizedOptions, warnings: string[]): void {
  for (const k of Object.keys(options.baseImages).filter((x) => x !== ALL_BINARIES)) {
    if (!binaries.some((b) => b.image && matchesBinary([k], b.name, b.dirSpellings))) {
      warnings.push(`baseImages has "${k}", which is no binary with an image target; those are ${binaries.filter((b) => b.image).map((b) => b.name).sort().join(', ') || 'none'} (the images option).`);
    }
  }
  if (!options.imagesExplicit) return;
  for (const t of options.images) {
    const matched = binaries.filter((b) => matchesBinary([t], b.name, b.dirSpellings));
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

/** Whether the binary builds with cgo for that platform. */
export function cgoOn(b: Pick<BinaryModel, 'cgo' | 'staticPlatforms'>, p: Platform): boolean {
  return b.cgo && !b.staticPlatforms.includes(platformString(p));
}

/** The key of `tags` that applies to every binary. */
export const ALL_BINARIES = '*';

export function matchesBinary(list: string[], name: string, dirSpellings: string[]): boolean {
  return list.some((t) => t === name || dirSpellings.includes(cleanDir(t)));
}

export function lastElement(modulePath: string): string {
  const parts = modulePath.split('/');
  let last = parts[parts.length - 1];
  // k8s.io/foo/v2 → foo
  if (/^v[0-9]+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last;
}

export { platformString };
