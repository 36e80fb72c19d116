import type { CreateNodes, CreateNodesResult, ProjectConfiguration } from '@nx/devkit';
import { logger } from '@nx/devkit';
import * as path from 'path';
import { hashOf, ResultsCache, workspaceDataDir } from './cache';
import { CACHE_VERSION, loadWorkspace } from './load';
import type { BinaryModel, ModuleModel, WorkspaceModel } from './model';
import { KubeBuildPluginOptions, normalizeOptions, NormalizedOptions } from './options';
import { buildTarget, crossTarget } from './targets/build';
import { moduleFileInputs, packageNamedInputs, vendorNamedInputs } from './targets/inputs';
import { imageTarget } from './targets/image';
import { buildImageTarget, releaseTarget } from './targets/module';
import { testTarget } from './targets/test';
import type { GoPackage } from './go/types';

type Projects = Record<string, ProjectConfiguration>;

const nxRoot = (dir: string): string => dir || '.';

/** Root modules: go.mod files not inside another found module's dir. */
export function rootModuleDirs(goModFiles: readonly string[]): string[] {
  const dirs = [...new Set(goModFiles.map((f) => path.posix.dirname(f.split(path.sep).join('/'))))]
    .map((d) => (d === '.' ? '' : d))
    .sort();
  return dirs.filter((d) => !dirs.some((o) => o !== d && (o === '' || d.startsWith(o + '/'))));
}

/** Every project of one root module, keyed by root. */
export function projectsOfModule(mod: ModuleModel, model: WorkspaceModel, options: NormalizedOptions): Projects {
  const projects: Projects = {};
  const inModule = (dir: string) => model.rootModuleOfDir.get(dir) === mod.dir;
  const testProjects: string[] = [];
  const t = options.targetNames;

  for (const b of mod.binaries) {
    projects[nxRoot(b.dir)] = binaryProject(b, mod, options);
    if (b.pkg.testFiles.length > 0) testProjects.push(b.name);
  }
  for (const p of model.packages) {
    if (!inModule(p.dir)) continue;
    const targets: ProjectConfiguration['targets'] = {};
    if (p.testFiles.length > 0) {
      targets[t.test] = testTarget(goArg(p, mod), mod.dir, mod, options);
      testProjects.push(p.importPath);
    }
    projects[nxRoot(p.dir)] = {
      root: nxRoot(p.dir),
      name: p.importPath,
      projectType: 'library',
      tags: ['go:package'],
      namedInputs: packageNamedInputs(p.embeds, p.moduleDir),
      targets,
      metadata: { description: `Go package ${p.importPath}` } as ProjectConfiguration['metadata'],
    };
  }
  for (const v of model.vendored) {
    if (v.moduleDir !== mod.dir) continue;
    projects[nxRoot(v.dir)] = {
      root: nxRoot(v.dir),
      name: v.name,
      projectType: 'library',
      tags: ['go:vendor'],
      namedInputs: vendorNamedInputs(),
      targets: {},
      metadata: { description: `Vendored Go module ${v.name}` } as ProjectConfiguration['metadata'],
    };
  }

  const rootPkg = mod.rootPackage;
  if (rootPkg && rootPkg.testFiles.length > 0) testProjects.push(mod.name);
  projects[nxRoot(mod.dir)] = {
    root: nxRoot(mod.dir),
    name: mod.name,
    projectType: 'application',
    tags: ['go:module', ...(rootPkg ? ['go:package'] : [])],
    namedInputs: rootPkg
      ? packageNamedInputs(rootPkg.embeds, mod.dir)
      : { goBuild: moduleFileInputs(mod.dir).slice(0, 1), goTest: ['goBuild'] },
    targets: {
      ...(rootPkg && rootPkg.testFiles.length > 0 ? { [t.test]: testTarget('.', mod.dir, mod, options) } : {}),
      [t.buildImage]: buildImageTarget(mod, options),
      [t.release]: releaseTarget(mod, testProjects.sort(), options),
    },
    metadata: { description: `Go module ${mod.module.mod.modulePath}` } as ProjectConfiguration['metadata'],
  };
  return projects;
}

function goArg(p: GoPackage, mod: ModuleModel): string {
  if (p.moduleDir === mod.dir) {
    const rel = mod.dir ? p.dir.slice(mod.dir.length + 1) : p.dir;
    return './' + rel;
  }
  return p.importPath;
}

function binaryProject(b: BinaryModel, mod: ModuleModel, options: NormalizedOptions): ProjectConfiguration {
  const t = options.targetNames;
  const targets: ProjectConfiguration['targets'] = {
    [t.build]: buildTarget(b, mod, options),
    [t.cross]: crossTarget(b, options),
  };
  if (b.pkg.testFiles.length > 0) targets[t.test] = testTarget(b.main, b.moduleRoot, mod, options);
  const image = imageTarget(b, mod, options);
  if (image) targets[t.image] = image;
  return {
    root: nxRoot(b.dir),
    name: b.name,
    projectType: 'application',
    tags: ['go:binary', ...b.groups.map((g) => `group:${g}`)],
    namedInputs: packageNamedInputs(b.pkg.embeds, b.pkg.moduleDir),
    targets,
    metadata: {
      description: `Go binary ${b.name} (${b.importPath})`,
      technologies: ['go'],
    } as ProjectConfiguration['metadata'],
  };
}

export const createNodes: CreateNodes<KubeBuildPluginOptions> = [
  '**/go.mod',
  async (configFiles, rawOptions, context) => {
    const options = normalizeOptions(rawOptions);
    const roots = rootModuleDirs(configFiles);
    if (roots.length === 0) return [];
    const cache = new ResultsCache<Record<string, Projects>>(
      path.join(workspaceDataDir(context.workspaceRoot), 'nx-kube-build', 'nodes.json'),
    );
    try {
      const loaded = loadWorkspace(context.workspaceRoot, roots, options);
      for (const w of new Set(loaded.model.warnings)) logger.warn(`nx-kube-build: ${w}`);
      const key = hashOf(CACHE_VERSION, 'nodes', loaded.hash);
      let byModule = cache.get(key);
      if (!byModule) {
        byModule = {};
        for (const mod of loaded.model.modules) byModule[mod.dir] = projectsOfModule(mod, loaded.model, options);
        cache.set(key, byModule);
      }
      return roots.map((dir) => {
        const result: CreateNodesResult = { projects: byModule![dir] ?? {} };
        return [dir ? `${dir}/go.mod` : 'go.mod', result] as const;
      });
    } finally {
      try {
        cache.write();
      } catch {
        // Caching is an optimisation; the graph stands without it.
      }
    }
  },
];
