/** Paths of the repo copied into a tarball as release.sh's `cp -R` does, less what kube::release::clean_cruft removes. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { TarEntry } from '../../shared/archive/tar';
import { SOURCE_EXCLUDES, walkTree } from './source';

/** kube::release::clean_cruft: editor backups (`*~`, `#*#`) and Finder files (`.DS*`). */
export function isCruft(name: string): boolean {
  return name.endsWith('~') || /^#.*#$/.test(name) || name.startsWith('.DS');
}

/**
 * `cp -R <moduleDir>/<rel> <as>`: a file, a symlink (kept as a link) or a whole
 * tree, named `<as>/...`; nothing when the path does not exist.
 */
export async function copyEntries(moduleDir: string, rel: string, as: string): Promise<TarEntry[]> {
  const abs = path.join(moduleDir, rel);
  const st = await fsp.lstat(abs).catch(() => undefined);
  if (!st || isCruft(path.basename(rel))) return [];
  if (st.isSymbolicLink()) return [{ type: 'symlink', name: as, target: await fsp.readlink(abs) }];
  if (st.isFile()) return [{ type: 'file', name: as, source: abs }];
  if (!st.isDirectory()) return [];
  const { entries } = await walkTree(abs, as, SOURCE_EXCLUDES);
  return entries.filter((e) => !e.name.slice(as.length + 1).split('/').some(isCruft));
}
