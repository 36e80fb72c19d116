/**
 * Deterministic .tar.gz writer: the same inputs give the same bytes on any
 * host, so release checksums are reproducible.
 */
import { createReadStream, createWriteStream, promises as fsp } from 'fs';
import { Transform, TransformCallback } from 'stream';
import { pipeline } from 'stream/promises';
import { createGzip } from 'zlib';
import * as tarStream from 'tar-stream';

export type TarEntry =
  /** A file streamed from disk; executable when its mode has any x bit, unless `executable` says otherwise. */
  | { type: 'file'; name: string; source: string; executable?: boolean }
  /** A small file held in memory. */
  | { type: 'file'; name: string; content: Buffer | string; executable?: boolean }
  | { type: 'directory'; name: string }
  /** A symbolic link; its target is stored as given. */
  | { type: 'symlink'; name: string; target: string };

export interface TarGzOptions {
  /** Seconds since the epoch stamped on every entry: SOURCE_DATE_EPOCH, else the commit time. */
  mtime: number;
  /** Stops writing (and removes dest) when aborted. */
  signal?: AbortSignal;
}

const DIR_MODE = 0o755;
const EXEC_MODE = 0o755;
const FILE_MODE = 0o644;
const LINK_MODE = 0o777;
/** RFC 1952 OS byte for Unix; zlib writes its build host's value, which differs on Windows. */
export const GZIP_OS_UNIX = 0x03;

/** Checks an entry name is relative and stays inside the archive; returns it without a trailing slash. */
export function checkEntryName(name: string): string {
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  const segments = trimmed.split('/');
  if (
    trimmed === '' ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(
      `Tar entry name "${name}" is not a clean relative path; use forward slashes with no leading "/", "." or ".." segments.`,
    );
  }
  return trimmed;
}

function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The full entry list as written: names checked, a directory entry for every
 * parent, sorted by name (byte order, so parents precede children).
 */
export function normalizeEntries(entries: TarEntry[]): TarEntry[] {
  const byName = new Map<string, TarEntry>();
  for (const e of entries) {
    const name = checkEntryName(e.name);
    const prev = byName.get(name);
    if (prev) {
      if (prev.type === 'directory' && e.type === 'directory') continue;
      throw new Error(`Tar entry "${name}" is given twice; each path may appear once.`);
    }
    byName.set(name, { ...e, name });
  }
  for (const name of [...byName.keys()]) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const existing = byName.get(dir);
      if (existing && existing.type !== 'directory') {
        throw new Error(`Tar entry "${dir}" is a ${existing.type}, not a directory, yet it is the parent of "${name}"; rename one of them.`);
      }
      if (!existing) byName.set(dir, { type: 'directory', name: dir });
    }
  }
  return [...byName.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** Rewrites the gzip header's OS byte (offset 9) so output does not depend on the build host. */
export class GzipOsByte extends Transform {
  private seen = 0;
  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.seen <= 9 && this.seen + chunk.length > 9) {
      chunk = Buffer.from(chunk);
      chunk[9 - this.seen] = GZIP_OS_UNIX;
    }
    this.seen += chunk.length;
    cb(null, chunk);
  }
}

type EntryHeader = Partial<tarStream.Header> & Pick<tarStream.Header, 'name'>;

function baseHeader(name: string, mtime: Date): EntryHeader {
  return { name, mtime, uid: 0, gid: 0, uname: '', gname: '' };
}

async function addEntry(pack: tarStream.Pack, e: TarEntry, mtime: Date): Promise<void> {
  if (e.type === 'directory') {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ ...baseHeader(`${e.name}/`, mtime), type: 'directory', mode: DIR_MODE }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    return;
  }
  if (e.type === 'symlink') {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ ...baseHeader(e.name, mtime), type: 'symlink', mode: LINK_MODE, linkname: e.target }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    return;
  }
  if ('content' in e) {
    const body = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content;
    const mode = e.executable ? EXEC_MODE : FILE_MODE;
    await new Promise<void>((resolve, reject) => {
      pack.entry({ ...baseHeader(e.name, mtime), type: 'file', mode, size: body.length }, body, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    return;
  }
  const st = await fsp.stat(e.source);
  if (!st.isFile()) {
    throw new Error(`Tar source ${e.source} for "${e.name}" is not a regular file; pass a file path.`);
  }
  const executable = e.executable ?? (st.mode & 0o111) !== 0;
  const header = {
    ...baseHeader(e.name, mtime),
    type: 'file' as const,
    mode: executable ? EXEC_MODE : FILE_MODE,
    size: st.size,
  };
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry(header, (err) =>
      err ? reject(new Error(`Could not add ${e.source} to the tarball as "${e.name}": ${err.message}`)) : resolve(),
    );
    const source = createReadStream(e.source);
    source.on('error', (err) => {
      sink.destroy(err);
      reject(err);
    });
    source.pipe(sink);
  });
}

/**
 * Writes `dest` as a gzip-compressed tar of `entries`. File contents stream
 * from disk one at a time. On failure the partial `dest` is removed.
 */
export async function writeTarGz(dest: string, entries: TarEntry[], opts: TarGzOptions): Promise<void> {
  await writeArchive(dest, entries, opts, true);
}

/** Writes `dest` as an uncompressed tar of `entries`, with the same determinism as writeTarGz. */
export async function writeTar(dest: string, entries: TarEntry[], opts: TarGzOptions): Promise<void> {
  await writeArchive(dest, entries, opts, false);
}

async function writeArchive(dest: string, entries: TarEntry[], opts: TarGzOptions, gzip: boolean): Promise<void> {
  const list = normalizeEntries(entries);
  if (!Number.isInteger(opts.mtime) || opts.mtime < 0) {
    throw new Error(`Tar mtime must be whole seconds since the epoch, got ${opts.mtime}.`);
  }
  const mtime = new Date(opts.mtime * 1000);
  const pack = tarStream.pack();
  const written = gzip
    ? pipeline(pack, createGzip(), new GzipOsByte(), createWriteStream(dest))
    : pipeline(pack, createWriteStream(dest));
  try {
    const feeding = (async () => {
      for (const e of list) {
        if (opts.signal?.aborted) throw new Error(`Writing ${dest} was interrupted.`);
        await addEntry(pack, e, mtime);
      }
      pack.finalize();
    })();
    feeding.catch((err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))));
    await Promise.all([feeding, written]);
  } catch (err) {
    await written.catch(() => undefined);
    await fsp.rm(dest, { force: true });
    throw err;
  }
}
