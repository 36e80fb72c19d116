import { Tree, formatFiles, generateFiles, logger } from '@nx/devkit';
import { minimatch } from 'minimatch';
import { KubeBuildPluginOptions, NormalizedOptions, normalizeOptions } from '../../plugin/options';
import { parsePlatformList, platformString } from '../../plugin/platforms';
import { classifyMains, mainDirs, suggestedConfiguration } from '../shared/binaries';
import { TreeGo, TreeModule, join, rootModules, scanTreeGo, selectModule } from '../shared/go-tree';
import { readPluginOptions, updatePluginEntry } from '../shared/plugin-entry';
import { templatesDir } from '../shared/templates';
import { findVersionPackages, versionWiring } from '../shared/version-package';
import { withGroupMember } from './lib/groups';
import { versionPackagePath } from '../../plugin/vocabulary/version';
import { versionTemplateValues } from './lib/main-go';
import { normalizeDirectory, validateBinaryName } from './lib/validate';
import { BinaryGeneratorSchema } from './types';

/** `nx g nx-kube-build:binary <name>`: a main package the plugin turns into a binary project. */
export async function binaryGenerator(tree: Tree, options: BinaryGeneratorSchema): Promise<void> {
  const name = options.name ?? '';
  validateBinaryName(name);
  if (options.platforms?.length && !options.group) {
    throw new Error('--platforms sets the platforms of a new group: pass --group too, or leave --platforms out.');
  }
  const platforms = options.platforms?.length
    ? parsePlatformList(options.platforms.join(',')).map(platformString)
    : undefined;
  const go = scanTreeGo(tree);
  const module = selectModule(go, options.moduleDir);
  const parent = normalizeDirectory(options.directory ?? 'cmd');
  const moduleRelDir = join(parent, name);
  const dir = join(module.dir, moduleRelDir);
  if (tree.exists(dir)) {
    throw new Error(`${dir} already exists: pick another binary name or remove that dir.`);
  }

  const registered = readPluginOptions(tree);
  const opts = normalizeOptions(registered);
  // The plugin rejects two binaries with one name anywhere in the workspace.
  for (const m of rootModules(go)) {
    const clash = classifyMains(go, mainDirs(go, m), m, opts).find((b) => b.via !== 'none' && b.name === name);
    if (clash) throw new Error(`A binary named "${name}" already exists at ${clash.dir}: pick another name.`);
  }

  const listed = opts.binaries.some((g) => minimatch(moduleRelDir, g, { dot: false }));
  if ((options.group || !listed) && registered === undefined) {
    throw new Error('nx-kube-build is not registered in nx.json: run `npx nx g nx-kube-build:init` first, then add the binary.');
  }
  if (registered !== undefined && (options.group || !listed)) {
    updatePluginEntry(tree, (entry) => {
      let o: KubeBuildPluginOptions = { ...(entry?.options ?? {}) };
      if (!listed) o.extraBinaries = [...new Set([...(o.extraBinaries ?? []), moduleRelDir])];
      if (options.group) o = withGroupMember(o, options.group, name, platforms);
      return { ...(entry as NonNullable<typeof entry>), options: o };
    });
  }

  const versionLine = writeMain(tree, go, module, parent, name, opts);
  logger.info(`nx-kube-build: wrote ${join(dir, 'main.go')}${options.group ? ` (group ${options.group})` : ''}.`);
  logger.info(versionLine);
  if (registered === undefined) {
    logger.info('Register the plugin to build it: npx nx g nx-kube-build:init');
  } else {
    const now = normalizeOptions(readPluginOptions(tree));
    logger.info(`Build it: npx nx run ${name}:${now.targetNames.build}:${suggestedConfiguration(name, moduleRelDir, now)}`);
  }
  if (!options.skipFormat) await formatFiles(tree);
}

/** main.go from the template, wired to the module's version package when there is one; returns what --version will print. */
function writeMain(tree: Tree, go: TreeGo, module: TreeModule, parent: string, name: string, opts: NormalizedOptions): string {
  const mainImportPath = `${module.mod.modulePath}/${join(parent, name)}`;
  const candidates = [
    ...new Set([...opts.versionPackages.map(versionPackagePath), ...findVersionPackages(go, module).map((v) => v.importPath)]),
  ];
  const wiring = versionWiring(go, module, mainImportPath, candidates);
  generateFiles(tree, templatesDir('binary'), join(module.dir, parent), { name, ...versionTemplateValues(wiring) });
  return wiring.kind === 'none'
    ? '--version prints "unknown": no version package with Get() or an exported version variable was found.'
    : `--version prints ${wiring.importPath}'s version, stamped at build time.`;
}

export default binaryGenerator;
