import { minimatch } from 'minimatch';
import * as path from 'path';
import { groupsOf, platformsOf, resolveGroups } from '../../plugin/groups';
import { NormalizedOptions } from '../../plugin/options';
import { Platform, configurationName, platformString } from '../../plugin/platforms';
import { TreeGo, TreeModule, packageNameOf, relTo, under } from './go-tree';

/** A main package under a module, and whether the plugin makes it a binary project. */
export interface FoundMain {
  /** Workspace-relative dir. */
  dir: string;
  /** Dir relative to the module, as options spell it. */
  moduleRelDir: string;
  /** Project name the plugin gives it. */
  name: string;
  /** Matched by the binaries globs, listed in extraBinaries, or neither. */
  via: 'glob' | 'extra' | 'none';
}

/** Dirs of the main packages under a module (nested modules included), workspace-relative. */
export function mainDirs(go: TreeGo, module: TreeModule): string[] {
  return go.dirs.filter((d) => under(d.dir, module.dir) && packageNameOf(go, d) === 'main').map((d) => d.dir);
}

/** Classifies main packages as the plugin does with these options. */
export function classifyMains(dirs: string[], module: TreeModule, options: NormalizedOptions): FoundMain[] {
  const extra = new Set(options.extraBinaries);
  return dirs.map((dir) => {
    const moduleRelDir = relTo(dir, module.dir);
    const via = options.binaries.some((g) => minimatch(moduleRelDir, g, { dot: false }))
      ? 'glob'
      : extra.has(moduleRelDir)
        ? 'extra'
        : 'none';
    return { dir, moduleRelDir, name: options.names[moduleRelDir] ?? path.posix.basename(dir), via };
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
