/** Writes the binary tarballs of a plan, with what release.sh puts beside the binaries; names the tarballs. */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import type { PlannedTarball } from './plan';

/** What every server and node tarball carries besides its binaries, made once per release. */
export interface SharedContent {
  /** Release name: the top dir of every tarball. */
  name: string;
  /** `<name>/LICENSES/...` (see licenses.ts); empty when the repo has no licence to ship. */
  licenses: TarEntry[];
  /** Absolute path of the finished `<name>-src.tar.gz`. */
  src: string;
}

/**
 * package_server_tarballs: an empty `addons/` (release.sh makes it and copies
 * nothing in), LICENSES/ and the src tarball; package_node_tarballs: LICENSES/
 * and the src tarball; client, test and other groups: nothing more.
 */
export function besideBinaries(kind: string, shared: SharedContent): TarEntry[] {
  if (kind !== 'server' && kind !== 'node') return [];
  const src: TarEntry = { type: 'file', name: `${shared.name}/${path.basename(shared.src)}`, source: shared.src, executable: false };
  const addons: TarEntry[] = kind === 'server' ? [{ type: 'directory', name: `${shared.name}/addons` }] : [];
  return [...addons, ...shared.licenses, src];
}

/** Tar entries of one planned tarball; sources resolved against the workspace root. */
export function binaryTarballEntries(t: PlannedTarball, workspaceRoot: string, shared?: SharedContent): TarEntry[] {
  // Binaries are always 0755, whatever mode the build left; image archives and tags 0644.
  return [
    ...(shared ? besideBinaries(t.kind, shared) : []),
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
  shared: SharedContent,
  opts: { mtime: number; signal?: AbortSignal },
): Promise<string[]> {
  await checkBinariesExist(tarballs, workspaceRoot);
  const written: string[] = [];
  for (const t of tarballs) {
    await writeTarGz(path.join(outDir, t.file), binaryTarballEntries(t, workspaceRoot, shared), opts);
    written.push(t.file);
  }
  return written;
}

export function mainTarballName(name: string): string {
  return `${name}.tar.gz`;
}

export function sourceTarballName(name: string): string {
  return `${name}-src.tar.gz`;
}

export function manifestsTarballName(name: string): string {
  return `${name}-manifests.tar.gz`;
}
