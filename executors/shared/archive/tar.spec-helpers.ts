/** Reads tar and tar.gz files back for specs: test-only, so it is not shipped (package.json leaves out *.spec-helpers.*). */
import { createReadStream } from 'fs';
import { pipeline } from 'stream/promises';
import * as tarStream from 'tar-stream';
import { createGunzip } from 'zlib';

export interface ListedEntry {
  /** As stored: directories end with "/". */
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Seconds since the epoch. */
  mtime: number;
  linkname?: string;
  /** File contents, when asked for. */
  body?: Buffer;
}

/** Entries of a .tar.gz in archive order; bodies only with `withBodies` (they are held in memory). */
export async function listTarGz(file: string, opts: { withBodies?: boolean } = {}): Promise<ListedEntry[]> {
  return listArchive(file, true, opts);
}

/** Entries of an uncompressed tar in archive order, as listTarGz reads them. */
export async function listTar(file: string, opts: { withBodies?: boolean } = {}): Promise<ListedEntry[]> {
  return listArchive(file, false, opts);
}

async function listArchive(file: string, gunzip: boolean, opts: { withBodies?: boolean }): Promise<ListedEntry[]> {
  const extract = tarStream.extract();
  const out: ListedEntry[] = [];
  const reading = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const listed: ListedEntry = {
        name: h.name,
        type: h.type,
        mode: h.mode,
        uid: h.uid,
        gid: h.gid,
        uname: h.uname,
        gname: h.gname,
        mtime: h.mtime.getTime() / 1000,
        ...(h.linkname ? { linkname: h.linkname } : {}),
      };
      if (opts.withBodies) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        listed.body = Buffer.concat(chunks);
      } else {
        entry.resume();
      }
      out.push(listed);
    }
  })();
  const read = gunzip ? pipeline(createReadStream(file), createGunzip(), extract) : pipeline(createReadStream(file), extract);
  await Promise.all([read, reading]);
  return out;
}
