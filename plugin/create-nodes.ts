import type { CreateNodesResult, CreateNodesV2, ProjectConfiguration } from '@nx/devkit';
import { createNodesFromFiles, logger } from '@nx/devkit';
import * as path from 'path';
import { hashOf, ResultsCache, workspaceDataDir } from './cache';
import { CACHE_VERSION, loadWorkspace, LoadedWorkspace, modelOf } from './load';
import type { BinaryModel, ModuleModel, WorkspaceModel } from './model';
import { KubeBuildPluginOptions, normalizeOptions, NormalizedOptions } from './options';
import { summarize } from './summary';
import { buildTarget, crossTarget, platformsMetadata } from './targets/build';
import { packageNamedInputs, testBinaryNamedInputs, vendorNamedInputs } from './targets/inputs';
import { imageTarget } from './targets/image';
import { buildImageTarget, modDownloadTarget, releaseTarget } from './targets/module';
import { testTarget } from './targets/test';
import { generateTarget } from './targets/generate';
import { goPackageArg } from './go/contexts';
import type { GoPackage } from './go/types';
import { underDir } from './go/walk';
import { printable } from './vocabulary/printable';

type Projects = Record<string, ProjectConfiguration>;
/** Per config file (go.mod or go.work): its projects, or why they cannot be had. */
type FileResults = Record<string, { projects: Projects } | { error: string }>;

/** go.mod and go.work files: every module and workspace of the tree. */
export const GO_CONFIG_GLOB = '**/{go.mod,go.work}';

const nxRoot = (dir: string): string => dir || '.';

/** Top-level dirs: dirs of go.mod and go.work files not inside another one's dir. */
export function rootModuleDirs(goConfigFiles: readonly string[]): string[] {
  const dirs = [...new Set(goConfigFiles.map((f) => path.posix.dirname(f.split(path.sep).join('/'))))]
    .map((d) => (d === '.' ? '' : d))
    .sort();
  return dirs.filter((d) => !dirs.some((o) => o !== d && underDir(d, o)));
}

function packageTargets(p: GoPackage, model: WorkspaceModel, options: NormalizedOptions): ProjectConfiguration['targets'] {
  const mod = model.moduleOfDir.get(p.dir);
  if (!mod || p.testFiles.length === 0) return {};
  return { [options.targetNames.test]: testTarget(goPackageArg(p, mod.context), mod, options) };
}

function binaryNamedInputs(b: BinaryModel): ProjectConfiguration['namedInputs'] {
  // A vendored tool holds the vendored packages below it too: all its files are inputs, as a vendored module's are.
  if (b.pkg.vendoredModule !== undefined) return vendorNamedInputs();
  return b.testBinary ? testBinaryNamedInputs(b.pkg.embeds, b.pkg.moduleDir) : packageNamedInputs(b.pkg.embeds, b.pkg.moduleDir);
}

function binaryProject(b: BinaryModel, model: WorkspaceModel, options: NormalizedOptions): ProjectConfiguration {
  const t = options.targetNames;
  const mod = model.moduleOfDir.get(b.dir) as ModuleModel;
  // No platform its code builds for (a darwin-only helper on linux defaults): nothing to build, tests still run.
  const targets: ProjectConfiguration['targets'] = {
    ...(b.platforms.length > 0 ? { [t.build]: buildTarget(b, mod, options), [t.cross]: crossTarget(b, options) } : {}),
    ...packageTargets(b.pkg, model, options),
  };
  const image = imageTarget(b, mod, options);
  if (image) targets[t.image] = image;
  return {
    root: nxRoot(b.dir),
    name: b.name,
    projectType: 'application',
    // A test binary is not a go:binary, so selecting those (run-many --projects tag:go:binary) means the mains alone.
    tags: [b.testBinary ? 'go:test-binary' : 'go:binary', ...b.groups.map((g) => `group:${g}`)],
    namedInputs: binaryNamedInputs(b),
    targets,
    metadata: {
      description: `${b.testBinary ? 'Go test binary' : 'Go binary'} ${b.name} (${b.importPath})`,
      technologies: ['go'],
      platforms: platformsMetadata(b),
    } as ProjectConfiguration['metadata'],
  };
}

function moduleProject(mod: ModuleModel, model: WorkspaceModel, options: NormalizedOptions, existing?: ProjectConfiguration): ProjectConfiguration {
  const t = options.targetNames;
  const rootPkg = mod.rootPackage;
  const testProjects = [
    ...mod.binaries.filter((b) => b.pkg.testFiles.length > 0).map((b) => b.name),
    ...model.packages.filter((p) => p.testFiles.length > 0 && model.moduleOfDir.get(p.dir) === mod).map((p) => model.projectOfDir.get(p.dir) as string),
  ];
  if (rootPkg && rootPkg.testFiles.length > 0 && !existing) testProjects.push(mod.name);
  const what = mod.modulePath ? `Go module ${mod.modulePath}` : `Go workspace ${mod.dir || '.'}/go.work`;
  return {
    ...(existing ?? {}),
    root: nxRoot(mod.dir),
    name: mod.name,
    projectType: 'application',
    tags: [...(existing?.tags ?? []), 'go:module', ...(rootPkg && !existing ? ['go:package'] : [])],
    namedInputs: existing?.namedInputs ?? (rootPkg ? packageNamedInputs(rootPkg.embeds, mod.dir) : { goBuild: mod.fileInputs.slice(0, 1), goTest: ['goBuild'] }),
    targets: {
      ...(existing?.targets ?? (rootPkg ? packageTargets(rootPkg, model, options) : {})),
      ...(mod.top ? { [t.buildImage]: buildImageTarget(mod, options) } : {}),
      ...(!mod.needsModCache ? {} : { [t.modDownload]: modDownloadTarget(mod, options) }),
      [t.release]: releaseTarget(mod, [...new Set(testProjects)].sort(), options),
      ...generateTargets(mod, options),
    },
    metadata: {
      description: existing ? `${existing.metadata?.description}; ${what}` : what,
      ...(existing ? { technologies: ['go'] } : {}),
    } as ProjectConfiguration['metadata'],
  };
}

function generateTargets(mod: ModuleModel, options: NormalizedOptions): ProjectConfiguration['targets'] {
  const g = generateTarget(mod, options);
  return g ? { [options.targetNames.generate]: g } : {};
}

/** Every project keyed by root dir. */
export function allProjects(model: WorkspaceModel, options: NormalizedOptions): Projects {
  const projects: Projects = {};
  for (const b of model.binaries) projects[b.dir] = binaryProject(b, model, options);
  for (const p of model.packages) {
    projects[p.dir] = {
      root: nxRoot(p.dir),
      name: model.projectOfDir.get(p.dir) as string,
      projectType: 'library',
      tags: ['go:package'],
      namedInputs: packageNamedInputs(p.embeds, p.moduleDir),
      targets: packageTargets(p, model, options),
      metadata: { description: `Go package ${p.importPath}` } as ProjectConfiguration['metadata'],
    };
  }
  for (const v of model.vendored) {
    projects[v.dir] = {
      root: nxRoot(v.dir),
      name: v.name,
      projectType: 'library',
      tags: ['go:vendor'],
      namedInputs: vendorNamedInputs(),
      targets: {},
      metadata: { description: `Vendored Go module ${v.module} (in ${v.moduleDir || '.'}/vendor)` } as ProjectConfiguration['metadata'],
    };
  }
  for (const m of model.modules) if (m.project) projects[m.dir] = moduleProject(m, model, options, projects[m.dir]);
  return projects;
}

/** The config file a dir's projects belong to: the nearest go.mod or go.work above it among the files Nx gave. */
function fileOfDir(dir: string, files: Set<string>): string | undefined {
  for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    for (const name of ['go.mod', 'go.work']) {
      const f = d ? `${d}/${name}` : name;
      if (files.has(f)) return f;
    }
    if (d === '') return undefined;
  }
}

/** Errors of modules and workspaces, each on its own file with the fix. */
function fileErrors(loaded: LoadedWorkspace, files: Set<string>): Map<string, string> {
  const errors = new Map<string, string>();
  // How to mend it, with Go's own tool, and how to do without that module meanwhile.
  const fix = (dir: string, error: string): string => {
    const mend = /modules\.txt:/.test(error)
      ? 'run `go mod vendor` (`go work vendor` in a workspace) to write it again'
      : /go\.work:/.test(error)
        ? 'fix the file (`go work edit -json` shows how Go reads it)'
        : 'fix the file (`go mod edit -json` shows how Go reads it)';
    return dir ? `: ${mend}, or keep ${dir} out of inference with the plugin option "exclude": ["${dir}/**"].` : `: ${mend}.`;
  };
  for (const m of loaded.tree.modules) {
    const f = m.dir ? `${m.dir}/go.mod` : 'go.mod';
    if (m.error && files.has(f)) errors.set(f, `${m.error}${fix(m.dir, m.error)}`);
  }
  for (const c of loaded.graph.contexts.list) {
    if (c.error && c.kind === 'module') {
      const f = c.dir ? `${c.dir}/go.mod` : 'go.mod';
      if (files.has(f) && !errors.has(f)) errors.set(f, c.error);
    }
    if (!c.error || c.kind !== 'workspace') continue;
    const work = c.dir ? `${c.dir}/go.work` : 'go.work';
    if (files.has(work) && !errors.has(work)) errors.set(work, `${c.error}${fix(c.dir, c.error)}`);
    for (const m of c.mainModules) {
      const f = m.dir ? `${m.dir}/go.mod` : 'go.mod';
      if (files.has(f) && !errors.has(f)) errors.set(f, `${m.dir || '.'} is used by ${work}, which cannot be read: ${c.error}`);
    }
  }
  return errors;
}

export function resultsByFile(loaded: LoadedWorkspace, options: NormalizedOptions, configFiles: readonly string[]): FileResults {
  const files = new Set(configFiles.map((f) => f.split(path.sep).join('/')));
  const errors = fileErrors(loaded, files);
  const out: FileResults = {};
  for (const [f, error] of errors) out[f] = { error };
  for (const [dir, project] of Object.entries(allProjects(modelOf(loaded), options))) {
    const f = fileOfDir(dir, files);
    if (!f || errors.has(f)) continue;
    const r = (out[f] ??= { projects: {} }) as { projects: Projects };
    r.projects[nxRoot(dir)] = project;
  }
  return out;
}

export const createNodes: CreateNodesV2<KubeBuildPluginOptions> = [
  GO_CONFIG_GLOB,
  async (configFiles, rawOptions, context) => {
    const options = normalizeOptions(rawOptions);
    const roots = rootModuleDirs(configFiles);
    if (roots.length === 0) return [];
    const cache = new ResultsCache<{ files: FileResults; warnings: string[] }>(
      path.join(workspaceDataDir(context.workspaceRoot), 'nx-kube-build', 'nodes.json'),
    );
    let results: FileResults;
    try {
      const loaded = loadWorkspace(context.workspaceRoot, roots, options);
      const key = hashOf(CACHE_VERSION, 'nodes', loaded.hash, [...configFiles].sort());
      // A cache hit needs neither the package graph nor the model: the tree's hash stands for both.
      const hit = cache.get(key);
      results = hit?.files ?? resultsByFile(loaded, options, configFiles);
      const warnings = hit?.warnings ?? [...loaded.tree.warnings, ...(loaded.model?.warnings ?? [])];
      for (const line of summarize(warnings, 'warnings')) logger.warn(`nx-kube-build: ${line}`);
      // Only whole results are kept: a file with an error is read again next time.
      if (!hit && !Object.values(results).some((r) => 'error' in r)) cache.set(key, { files: results, warnings });
    } finally {
      try {
        cache.write();
      } catch {
        // Caching is an optimisation; the graph stands without it.
      }
    }
    return createNodesFromFiles(
      (file) => {
        const r = results[file.split(path.sep).join('/')];
        if (!r) return {};
        if ('error' in r) throw new Error(printable(r.error, Infinity));
        return { projects: r.projects } as CreateNodesResult;
      },
      configFiles,
      options,
      context,
    );
  },
];
