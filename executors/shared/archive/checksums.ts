/**
 * Release checksums in coreutils format (`<hex>  <file>`), so `sha256sum -c`
 * and `sha512sum -c` verify them as they are.
 */
import { createHash } from 'crypto';
import { createReadStream, promises as fsp } from 'fs';
import * as path from 'path';

export type HashAlgorithm = 'sha256' | 'sha512';
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'sha512'];

export interface FileDigests {
  /** File name (no directory), as it appears in the sums files. */
  file: string;
  sha256: string;
  sha512: string;
}

/** Both digests of a file in one read. */
export async function digestFile(file: string): Promise<FileDigests> {
  const h256 = createHash('sha256');
  const h512 = createHash('sha512');
  for await (const chunk of createReadStream(file)) {
    h256.update(chunk as Buffer);
    h512.update(chunk as Buffer);
  }
  return { file: path.basename(file), sha256: h256.digest('hex'), sha512: h512.digest('hex') };
}

/** One coreutils line: hex, two spaces (text mode, as sha256sum prints), name, newline. */
export function sumsLine(hex: string, file: string): string {
  if (file.includes('\n') || file.includes('\\')) {
    throw new Error(`File name "${file}" needs escaping in a checksum file; release files must not contain newlines or backslashes.`);
  }
  return `${hex}  ${file}\n`;
}

/** A SHA256SUMS / SHA512SUMS body, lines sorted by file name in byte order. */
export function formatSums(digests: FileDigests[], algorithm: HashAlgorithm): string {
  return [...digests]
    .sort((a, b) => Buffer.compare(Buffer.from(a.file), Buffer.from(b.file)))
    .map((d) => sumsLine(d[algorithm], d.file))
    .join('');
}

/** Name of the combined sums file for an algorithm. */
export function sumsFileName(algorithm: HashAlgorithm): string {
  return `${algorithm.toUpperCase()}SUMS`;
}

/**
 * Hashes `files` (all in `dir`) and writes SHA256SUMS, SHA512SUMS and a
 * `<file>.sha256` / `<file>.sha512` beside each. Returns the digests sorted by file name.
 */
export async function writeChecksums(dir: string, files: string[]): Promise<FileDigests[]> {
  const digests: FileDigests[] = [];
  for (const f of files) digests.push(await digestFile(path.join(dir, f)));
  digests.sort((a, b) => Buffer.compare(Buffer.from(a.file), Buffer.from(b.file)));
  for (const algorithm of HASH_ALGORITHMS) {
    await fsp.writeFile(path.join(dir, sumsFileName(algorithm)), formatSums(digests, algorithm));
    for (const d of digests) {
      await fsp.writeFile(path.join(dir, `${d.file}.${algorithm}`), sumsLine(d[algorithm], d.file));
    }
  }
  return digests;
}
