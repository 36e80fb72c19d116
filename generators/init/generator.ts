import { Tree, formatFiles, logger, writeJson } from '@nx/devkit';
import * as path from 'path';
import { KubeBuildPluginOptions, NormalizedOptions, normalizeOptions } from '../../plugin/options';
import { parsePlatformList, platformString } from '../../plugin/platforms';
import { FoundMain, classifyMains, mainDirs, suggestedConfiguration } from '../shared/binaries';
import { TreeGo, TreeModule, canImport, join, packageNameOf, relTo, rootModules, scanTreeGo, selectModule, shownDir } from '../shared/go-tree';
import { GENERIC_DIR_NAMES } from '../../plugin/binaries';
import { buildScripts, namesDir, vendoredMainsBuilt } from './lib/build-scripts';
import { ObjectEntry, PLUGIN_NAME, readPluginOptions, updatePluginEntry } from '../shared/plugin-entry';
import { VersionPackageSpec, versionPackagePath } from '../../plugin/vocabulary/version';
import { describeStamp, findStamps, mergeStamps } from './lib/stamps';
import { writeBuildImageDefinition } from './lib/dockerfile';
import { ensureGitignore, ignoringRule } from './lib/gitignore';
import { DEFAULT_DOCKERFILE } from '../../plugin/options';
import { KUBERNETES_BASE_IMAGES, KUBERNETES_MODULE, KUBERNETES_TAGS, kubernetesGroups, kubernetesStaticBinaries } from './lib/kubernetes';
import { InitGeneratorSchema } from './types';

/** Where binaries in no group ship by default: the common release targets. */
export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64'];

const unique = (list: string[]): string[] => [...new Set(list)];

/** npm accepts lowercase URL-safe names only; a folder may be called anything. */
const packageName = (dir: string): string =>
  dir.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'workspace';

/** `nx add nx-kube-build` and `nx g nx-kube-build:init`: registers the plugin for a Go module. */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema): Promise<void> {
  const go = scanTreeGo(tree);
  const module = selectModule(go, options.moduleDir);
  ensureWorkspaceFiles(tree);
  const mains = mainDirs(go, module);
  const found = readTree(tree, go, module, mains, options);
  updatePluginEntry(tree, (entry) => pluginEntryFor(entry, found, options, rootModules(go).length > 1, module));
  if (!readPluginOptions(tree)?.image) placeBuildImageDefinition(tree, module);
  const after = normalizeOptions(readPluginOptions(tree));
  const dockerfile = join(module.dir, after.dockerfile);
  const image = after.image ? 'prebuilt' : writeBuildImageDefinition(tree, dockerfile, options.image);
  ensureGitignore(tree);
  report(module, classifyMains(go, mains, module, after), found, after, dockerfile, image, options);
  if (!options.skipFormat) await formatFiles(tree);
}

/** Where init may put the build image definition when the repo's .gitignore covers the default (podman ignores /build/). */
export const DOCKERFILE_FALLBACKS = ['build-image/Dockerfile', 'hack/build-image/Dockerfile'];

/**
 * Keeps the build image definition where git tracks it: a new one goes to the
 * first place no .gitignore rule covers; one the user placed stays, with a
 * warning naming the rule (Nx would not hash it, nor `git add -A` commit it).
 */
function placeBuildImageDefinition(tree: Tree, module: TreeModule): void {
  const set = readPluginOptions(tree)?.dockerfile;
  const current = set ?? DEFAULT_DOCKERFILE;
  const rule = ignoringRule(tree, join(module.dir, current));
  if (!rule) return;
  const free = DOCKERFILE_FALLBACKS.find((f) => !ignoringRule(tree, join(module.dir, f)));
  if (set !== undefined || tree.exists(join(module.dir, current)) || !free) {
    logger.warn(
      `nx-kube-build: the build image definition ${join(module.dir, current)} is ignored by git (${rule}): commit it with \`git add -f\`, or move it and set "dockerfile" in the plugin options.`,
    );
    return;
  }
  updatePluginEntry(tree, (entry) => ({ ...(entry as ObjectEntry), options: { ...(entry?.options ?? {}), dockerfile: free } }));
  logger.info(`nx-kube-build: ${join(module.dir, current)} is ignored by git (${rule}); the build image definition goes to ${join(module.dir, free)} ("dockerfile" in nx.json).`);
}

function ensureWorkspaceFiles(tree: Tree): void {
  if (!tree.exists('package.json')) {
    writeJson(tree, 'package.json', { name: packageName(path.basename(tree.root)), private: true });
  }
  if (!tree.exists('nx.json')) {
    writeJson(tree, 'nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json' });
  }
}

/** What init reads from the Go tree before it writes anything. */
interface TreeFacts {
  found: FoundMain[];
  versionPackages: VersionPackageSpec[];
  /** Each found package's variables by kind, for the report. */
  stampVars: ReturnType<typeof findStamps>['vars'];
  /** Script flags left unstamped, and why. */
  stampNotes: string[];
  kubernetes?: ReturnType<typeof kubernetesGroups>;
  /** Main packages no option makes a binary yet. */
  outside: FoundMain[];
  /** Those of them the repo's own Makefile or scripts build. */
  scripted: FoundMain[];
  /** Vendored mains the scripts build (tools), as extraBinaries spell them. */
  vendoredTools: string[];
}

function readTree(tree: Tree, go: TreeGo, module: TreeModule, mains: string[], options: InitGeneratorSchema): TreeFacts {
  const found = classifyMains(go, mains, module, normalizeOptions(readPluginOptions(tree)));
  const isMain = (dir: string): boolean => {
    const goFiles = tree.children(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && tree.isFile(join(dir, f)));
    return goFiles.length > 0 && packageNameOf(go, { dir, goFiles }) === 'main';
  };
  const probe = {
    hasTests: (dir: string) => tree.children(join(module.dir, dir)).some((f) => f.endsWith('_test.go')),
    isMain: (dir: string) => isMain(join(module.dir, dir)),
  };
  const kubernetes = module.mod.modulePath === KUBERNETES_MODULE ? kubernetesGroups(found, probe) : undefined;
  const k8sExtras = new Set(kubernetes?.extraBinaries ?? []);
  const outside = found.filter((m) => m.via === 'none' && m.moduleRelDir !== '' && !k8sExtras.has(m.moduleRelDir));
  // What the repo's own Makefile and scripts build is built here too.
  const scripts = buildScripts(tree, module.dir);
  const scriptDir = (file: string): string => (path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file));
  const scripted = outside.filter((m) =>
    scripts.some((s) => namesDir(s.text, m.moduleRelDir) || namesDir(s.text, relTo(m.dir, scriptDir(s.file)))),
  );
  const vendoredDirs = vendoredMainsBuilt(tree, scripts, isMain);
  const vendoredTools = vendoredDirs.map((d) => relTo(d, module.dir));
  // `main` stamps every binary: the ones the plugin finds, the scripts build, and --allMains adds.
  const built = found.filter((m) => m.via !== 'none' || k8sExtras.has(m.moduleRelDir) || scripted.includes(m) || options.allMains);
  const stamps = findStamps(go, module, [...built.map((m) => m.dir), ...vendoredDirs], scripts);
  return { found, versionPackages: stamps.specs, stampVars: stamps.vars, stampNotes: stamps.notes, kubernetes, outside, scripted, vendoredTools };
}

/** The plugin entry with what init found, keeping every option already set. */
function pluginEntryFor(
  entry: ObjectEntry | undefined,
  facts: TreeFacts,
  options: InitGeneratorSchema,
  several: boolean,
  module: TreeModule,
): ObjectEntry {
  const e = entry ?? { plugin: PLUGIN_NAME };
  const o: KubeBuildPluginOptions = { ...(e.options ?? {}) };
  const platforms = options.platforms?.length ? parsePlatformList(options.platforms.join(',')).map(platformString) : undefined;
  if (platforms) o.defaultPlatforms = platforms;
  else o.defaultPlatforms ??= DEFAULT_PLATFORMS;
  const versionPackages = mergeStamps(o.versionPackages, facts.versionPackages);
  if (versionPackages) o.versionPackages = versionPackages;
  const extras = [...(o.extraBinaries ?? [])];
  if (facts.kubernetes && !o.groups) {
    o.groups = facts.kubernetes.groups;
    extras.push(...facts.kubernetes.extraBinaries);
    if (facts.kubernetes.testBinaries.length > 0) o.testBinaries = unique([...(o.testBinaries ?? []), ...facts.kubernetes.testBinaries]);
    // golang.sh builds every binary with -tags=selinux,notest.
    o.tags ??= { '*': KUBERNETES_TAGS };
    // golang.sh's static/cgo split and build/common.sh's image bases.
    if (!o.cgo && !o.cgoBinaries) o.staticBinaries ??= kubernetesStaticBinaries(facts.found);
    if (!o.baseImage) o.baseImages ??= { ...KUBERNETES_BASE_IMAGES };
  }
  extras.push(...facts.scripted.map((m) => m.moduleRelDir), ...facts.vendoredTools);
  if (options.allMains) extras.push(...facts.outside.map((m) => m.moduleRelDir));
  if (extras.length > 0) o.extraBinaries = unique(extras);
  const names = distinctNames(facts.found, new Set(extras), o.names ?? {});
  if (Object.keys(names).length > 0) o.names = names;
  const out = { ...e, options: o };
  // With several modules, scope the entry to the ones set up here: the others have no build image yet.
  if (several && (entry === undefined || entry.include)) {
    out.include = unique([...(entry?.include ?? []), `${module.dir}/**/*`]);
  }
  return out;
}

function report(
  module: TreeModule,
  found: FoundMain[],
  facts: Pick<TreeFacts, 'outside' | 'vendoredTools' | 'stampVars' | 'stampNotes'>,
  opts: NormalizedOptions,
  dockerfile: string,
  image: 'prebuilt' | 'kept' | 'written',
  options: InitGeneratorSchema,
): void {
  const lines: string[] = [];
  lines.push(
    module.mod.modulePath
      ? `nx-kube-build: Go module ${module.mod.modulePath} at ${shownDir(module.dir)}.`
      : `nx-kube-build: Go workspace ${join(module.dir, 'go.work')}.`,
  );
  const binaries = found.filter((m) => m.via !== 'none');
  lines.push(
    binaries.length === 0
      ? 'No binaries yet: add one with `npx nx g nx-kube-build:binary <name>`.'
      : `Binaries (${binaries.length}): ${binaries.map((b) => `${b.name} (${b.dir || "."})`).join(', ')}.`,
  );
  if (facts.vendoredTools.length > 0) {
    lines.push(`Vendored tools the build scripts build (extraBinaries): ${facts.vendoredTools.join(', ')}.`);
  }
  // A binary called `server` or `client` says what it is, not which one: suggest a name from its parent dir.
  const generic = binaries.filter((b) => GENERIC_DIR_NAMES.has(b.name) && b.dir.includes('/'));
  if (generic.length > 0) {
    const suggestion = Object.fromEntries(generic.map((b) => [b.moduleRelDir, `${path.posix.basename(path.posix.dirname(b.dir))}-${b.name}`]));
    lines.push(`Generic binary names: ${generic.map((b) => `${b.name} (${b.dir})`).join(', ')}; to name them apart, add to the plugin options "names": ${JSON.stringify(suggestion)}.`);
  }
  const stillOutside = found.filter((m) => m.via === 'none' && facts.outside.some((o) => o.dir === m.dir));
  if (stillOutside.length > 0) {
    lines.push(
      `Main packages outside cmd/* (not built): ${stillOutside.map((m) => m.moduleRelDir).join(', ')}; run init with --allMains or list them in "extraBinaries" to build them.`,
    );
  }
  lines.push(...opts.versionPackages.map((v) => describeStamp(v, facts.stampVars.get(versionPackagePath(v)))), ...facts.stampNotes);
  if (Object.keys(opts.groups).length > 0) {
    lines.push(`Groups: ${Object.entries(opts.groups).map(([g, c]) => `${g} (${(c.targets ?? []).length})`).join(', ')}.`);
  } else {
    lines.push(`Binaries build for the host platform plus ${opts.defaultPlatforms.join(', ')}.`);
  }
  if (image === 'written') {
    lines.push(`Build image definition: ${dockerfile}${options.image ? ` (FROM ${options.image})` : ' (offline: the host Go toolchain)'}.`);
  } else if (image === 'prebuilt') {
    lines.push(`Build image: ${opts.image} (the plugin's image option).`);
  } else if (image === 'kept') {
    lines.push(`Build image definition: ${dockerfile} (existing, kept${options.image ? `; --image ${options.image} not applied` : ''}).`);
  }
  lines.push('Next:', '  npx nx show projects');
  const first = binaries[0];
  if (first) lines.push(`  npx nx run ${first.name}:${opts.targetNames.build}:${suggestedConfiguration(first.name, first.moduleRelDir, opts)}`);
  lines.push(`  npx nx affected -t ${opts.targetNames.build}`);
  for (const l of lines) logger.info(l);
}

/**
 * Names for the binaries that would share one: the plugin stops on a clash,
 * so init names the later ones `<parent dir>-<name>` and says so.
 */
function distinctNames(found: FoundMain[], extras: Set<string>, names: Record<string, string>): Record<string, string> {
  const out = { ...names };
  const taken = new Map<string, FoundMain>();
  for (const m of found) {
    if (m.via === 'none' && !extras.has(m.moduleRelDir)) continue;
    const name = out[m.moduleRelDir] ?? m.name;
    if (!taken.has(name)) {
      taken.set(name, m);
      continue;
    }
    const parent = path.posix.basename(path.posix.dirname(m.dir));
    let renamed = parent && parent !== '.' ? `${parent}-${name}` : `${name}-2`;
    for (let k = 2; taken.has(renamed); k++) renamed = `${name}-${k}`;
    out[m.moduleRelDir] = renamed;
    taken.set(renamed, m);
    logger.info(`nx-kube-build: ${m.dir} and ${taken.get(name)?.dir} are both "${name}": naming ${m.dir} "${renamed}" ("names" in nx.json).`);
  }
  return out;
}

export default initGenerator;
