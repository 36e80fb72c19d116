/** A go*.linux-<arch>.tar.gz as the image's toolchain instead of a host GOROOT. */
import * as fs from 'fs';
import { pipeline } from 'stream';
import * as tar from 'tar-stream';
import * as zlib from 'zlib';
import { ElfDeps, parseElfDeps, readElfDeps } from './elf';
import { GOROOT_SKIPPED, RuntimeLibrary, runtimeLibraries } from './toolchain';

type Entry = { header: tar.Header; stream: NodeJS.ReadableStream; next: () => void };

async function eachEntry(file: string, onEntry: (e: Entry) => Promise<void> | void): Promise<void> {
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      Promise.resolve(onEntry({ header, stream: stream as unknown as NodeJS.ReadableStream, next })).catch((e) =>
        extract.destroy(e),
      );
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    pipeline(fs.createReadStream(file), zlib.createGunzip(), extract as unknown as NodeJS.WritableStream, (err) => {
      if (err) reject(err);
    });
  });
}

function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Path inside GOROOT of a tarball entry ("go/bin/go" → "bin/go"), or undefined to skip it. */
export function tarballGorootPath(name: string): string | undefined {
  const clean = name.replace(/^\.\//, '').replace(/\/$/, '');
  if (clean !== 'go' && !clean.startsWith('go/')) return undefined;
  const rel = clean === 'go' ? '' : clean.slice(3);
  const parts = rel.split('/');
  if (GOROOT_SKIPPED.includes(parts[0])) return undefined;
  if (parts[0] === 'pkg' && parts.length >= 2 && (parts[1].endsWith('_race') || parts[1] === 'obj')) return undefined;
  return rel;
}

const isToolBinary = (rel: string): boolean => /^bin\/[^/]+$/.test(rel) || /^pkg\/tool\/[^/]+\/[^/]+$/.test(rel);

/** Go version (from go/VERSION) and host libraries the tarball's binaries need (none for official builds). */
export async function scanGoTarball(file: string): Promise<{ goVersion: string; libs: RuntimeLibrary[] }> {
  let goVersion = '';
  const deps = new Map<string, ElfDeps>();
  await eachEntry(file, async ({ header, stream, next }) => {
    const rel = tarballGorootPath(header.name);
    if (header.type === 'file' && rel !== undefined && (rel === 'VERSION' || isToolBinary(rel))) {
      const buf = await drain(stream);
      if (rel === 'VERSION') goVersion = buf.toString('utf8').split('\n')[0].trim();
      else {
        const d = parseElfDeps((o, l) => buf.subarray(o, o + l));
        if (d) deps.set(`tarball:${rel}`, d);
      }
    } else {
      stream.resume();
      await new Promise((r) => stream.on('end', r));
    }
    next();
  });
  if (!/^go\d/.test(goVersion)) {
    throw new Error(`${file} has no go/VERSION naming a Go release: give goTarball an official go<version>.linux-<arch>.tar.gz.`);
  }
  const libs = runtimeLibraries([...deps.keys()], undefined, (f) => deps.get(f) ?? readElfDeps(f));
  return { goVersion, libs };
}

/** Streams the tarball's GOROOT into `pack` under `prefix`. */
export async function packGoTarball(file: string, pack: tar.Pack, prefix: string, mtime: Date): Promise<void> {
  await eachEntry(file, async ({ header, stream, next }) => {
    const rel = tarballGorootPath(header.name);
    if (rel === undefined) {
      stream.resume();
      await new Promise((r) => stream.on('end', r));
      return next();
    }
    const name = rel ? `${prefix}/${rel}` : prefix;
    const base = { name, mode: (header.mode ?? 0o644) & 0o777, mtime, uid: 0, gid: 0 };
    if (header.type === 'file') {
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ ...base, type: 'file', size: header.size }, (err) => (err ? reject(err) : resolve()));
        pipeline(stream, sink as unknown as NodeJS.WritableStream, (err) => err && reject(err));
      });
    } else {
      if (header.type === 'directory') pack.entry({ ...base, type: 'directory' });
      else if (header.type === 'symlink') pack.entry({ ...base, type: 'symlink', linkname: header.linkname });
      stream.resume();
      await new Promise((r) => stream.on('end', r));
    }
    next();
  });
}
