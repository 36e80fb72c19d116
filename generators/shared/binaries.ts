import { minimatch } from 'minimatch';
import * as path from 'path';
import { groupsOf, platformsOf, resolveGroups } from '../../plugin/groups';
import { NormalizedOptions } from '../../plugin/options';
import { Platform, configurationName, platformString } from '../../plugin/platforms';
import { moduleBinaryName } from '../../plugin/binaries';
import { TreeGo, TreeModule, moduleOf, packageNameOf, relTo, under } from './go-tree';

/** A main package under a module, and whether the plugin makes it a binary project. */
export interface FoundMain {
  /** Workspace-relative dir. */
  dir: string;
  /** Dir relative to the module, as options spell it. */
  moduleRelDir: string;
  /** Project name the plugin gives it. */
  name: string;
  /** Matched by the binaries globs, at its module's root, listed in extraBinaries, or neither. */
  via: 'glob' | 'root' | 'extra' | 'none';
}

/** Dirs of the main packages under a module (nested modules included), workspace-relative. */
export function mainDirs(go: TreeGo, module: TreeModule): string[] {
  return go.dirs.filter((d) => under(d.dir, module.dir) && packageNameOf(go, d) === 'main').map((d) => d.dir);
}

/** Classifies main packages as the plugin does with these options (plugin/binaries.ts). */
export function classifyMains(go: TreeGo, dirs: string[], module: TreeModule, options: NormalizedOptions): FoundMain[] {
  const extra = new Set(options.extraBinaries);
  return dirs.map((dir) => {
    const own = moduleOf(go, dir);
    const ownRel = own ? relTo(dir, own.dir) : dir;
    const moduleRelDir = relTo(dir, module.dir);
    const spellings = [...new Set([moduleRelDir, ownRel, dir])];
    const via = options.binaries.some((g) => spellings.some((s) => minimatch(s, g, { dot: false })))
      ? 'glob'
      : ownRel === ''
        ? 'root'
        : spellings.some((s) => extra.has(s))
          ? 'extra'
          : 'none';
    const renamed = spellings.map((s) => options.names[s]).find((n) => n !== undefined);
    const name = renamed ?? (ownRel === '' && own ? moduleBinaryName(own.mod.modulePath, dir) : path.posix.basename(dir));
    return { dir, moduleRelDir, name, via };
  });
}


/** The configuration to suggest for a first build: linux-amd64 when the binary ships there, else its first platform. */
export function suggestedConfiguration(name: string, moduleRelDir: string, options: NormalizedOptions): string {
  let list: Platform[];
  try {
    list = platformsOf(groupsOf(resolveGroups(options.groups), name, moduleRelDir), options.defaultPlatforms);
  } catch {
    return 'linux-amd64';
  }
  const linux = list.find((p) => platformString(p) === 'linux/amd64');
  return configurationName(linux ?? list[0]);
}
