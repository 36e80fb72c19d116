/** Writes the binary tarballs of a plan and the main `<name>.tar.gz`; names the source tarball. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import { workspacePath } from '../../shared/module/paths';
import type { ReleaseDeps } from './deps';
import type { PlannedTarball } from './plan';
import type { ReleaseStart } from './start';

/** Tar entries of one planned tarball; sources resolved against the workspace root. */
export function binaryTarballEntries(t: PlannedTarball, workspaceRoot: string): TarEntry[] {
  // Binaries are always 0755, whatever mode the build left; image archives and tags 0644.
  return [
    ...t.binaries.map((b): TarEntry => ({
      type: 'file',
      name: b.entry,
      source: path.join(workspaceRoot, b.source),
      executable: true,
    })),
    ...t.images.map((f): TarEntry => ({
      type: 'file',
      name: f.entry,
      source: path.join(workspaceRoot, f.source),
      executable: false,
    })),
  ];
}

/** Fails naming the first binary or image file a successful build did not leave where the plan expects it. */
export async function checkBinariesExist(tarballs: PlannedTarball[], workspaceRoot: string): Promise<void> {
  for (const t of tarballs) {
    for (const b of t.binaries) {
      const st = await fsp.stat(path.join(workspaceRoot, b.source)).catch(() => undefined);
      if (!st?.isFile()) {
        throw new Error(
          `${b.project} was built but ${b.source} does not exist; its build target must write the binary there.`,
        );
      }
    }
    for (const f of t.images) {
      const st = await fsp.stat(path.join(workspaceRoot, f.source)).catch(() => undefined);
      if (!st?.isFile()) {
        throw new Error(`The image of ${f.project} was built but ${f.source} does not exist; its image target must write it there.`);
      }
    }
  }
}

export async function writeBinaryTarballs(
  tarballs: PlannedTarball[],
  workspaceRoot: string,
  outDir: string,
  mtime: number,
  signal?: AbortSignal,
): Promise<string[]> {
  await checkBinariesExist(tarballs, workspaceRoot);
  const written: string[] = [];
  for (const t of tarballs) {
    await writeTarGz(path.join(outDir, t.file), binaryTarballEntries(t, workspaceRoot), { mtime, signal });
    written.push(t.file);
  }
  return written;
}

/** `<name>/version` (gitVersion and a newline) and, when given, `<name>/README.md`. */
export function mainTarballEntries(name: string, gitVersion: string, readmePath?: string): TarEntry[] {
  const entries: TarEntry[] = [{ type: 'file', name: `${name}/version`, content: `${gitVersion}\n` }];
  if (readmePath) entries.push({ type: 'file', name: `${name}/README.md`, source: readmePath, executable: false });
  return entries;
}

export function mainTarballName(name: string): string {
  return `${name}.tar.gz`;
}

export function sourceTarballName(name: string): string {
  return `${name}-src.tar.gz`;
}

/** The main tarball into `finished`: the version file and the README (an error only when the readme option names a missing file); returns its file name. */
export async function packageMain(
  { s, version }: Pick<ReleaseStart, 's' | 'version'>,
  workspaceRoot: string,
  finished: string,
  deps: Pick<ReleaseDeps, 'log' | 'signal'>,
): Promise<string> {
  const readme = workspacePath(workspaceRoot, s.readme, 'readme');
  const hasReadme = (await fsp.stat(readme).catch(() => undefined))?.isFile() ?? false;
  if (!hasReadme && s.readmeExplicit) {
    throw new Error(`readme "${s.readme}" is not a file; point the option at the README to ship.`);
  }
  if (!hasReadme) deps.log.warn(`No ${s.readme}; ${mainTarballName(s.name)} holds only the version file.`);
  await writeTarGz(
    path.join(finished, mainTarballName(s.name)),
    mainTarballEntries(s.name, version.gitVersion, hasReadme ? readme : undefined),
    { mtime: version.epoch, signal: deps.signal },
  );
  return mainTarballName(s.name);
}
