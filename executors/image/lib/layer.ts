/** The one layer an image adds: `/usr/local/bin/<binary>`, 0755, root-owned, at a fixed time. */
import { promises as fsp } from 'fs';
import { TarEntry, writeTar } from '../../shared/archive/tar';
import { sha256OfFile } from './digest';

/** Entries of the binary's layer (parent directories are added by the tar writer). */
export function binaryLayerEntries(binary: string, source: string): TarEntry[] {
  return [{ type: 'file', name: `usr/local/bin/${binary}`, source, executable: true }];
}

/** Writes the layer as an uncompressed tar and returns its diff ID (`sha256:` of the tar). */
export async function writeBinaryLayer(
  dest: string,
  binary: string,
  source: string,
  mtime: number,
  signal?: AbortSignal,
): Promise<string> {
  const st = await fsp.stat(source).catch(() => undefined);
  if (!st?.isFile()) {
    throw new Error(`The ${binary} binary ${source} does not exist; its build target must write it there.`);
  }
  await writeTar(dest, binaryLayerEntries(binary, source), { mtime, signal });
  return sha256OfFile(dest);
}
