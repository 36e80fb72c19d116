/**
 * Reads a base image from a docker-archive stream (a `docker save` file, or
 * what the engine exports for an image name): its config and its layers as
 * uncompressed tars in a scratch folder, each checked against the config's
 * diff_ids.
 */
import { createReadStream, createWriteStream, promises as fsp } from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { createGunzip } from 'zlib';
import * as tarStream from 'tar-stream';
import type { Platform } from '../../../plugin/platforms';
import type { ArchiveLayer } from './archive';
import type { JsonObject } from './config';
import { sha256OfFile } from './digest';

export interface BaseImage {
  config: JsonObject;
  layers: ArchiveLayer[];
}

type Stored = { file: string } | { link: string };

/** An archive path without "./" and trailing "/", so manifest paths and entry names compare. */
export function cleanArchivePath(name: string): string {
  return path.posix.normalize(name.replace(/^\.\//, '')).replace(/\/+$/, '');
}

/** Saves every regular file of the archive under `scratch` (by index: names are never trusted as paths). */
async function unpack(archive: Readable, scratch: string, what: string): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  const extract = tarStream.extract();
  let n = 0;
  const reading = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const name = cleanArchivePath(h.name);
      if (h.type === 'file' || h.type === 'contiguous-file') {
        const file = path.join(scratch, `entry-${n++}`);
        await pipeline(entry, createWriteStream(file));
        stored.set(name, { file });
      } else {
        if ((h.type === 'symlink' || h.type === 'link') && h.linkname) {
          const target = h.type === 'symlink' ? path.posix.join(path.posix.dirname(name), h.linkname) : h.linkname;
          stored.set(name, { link: cleanArchivePath(target) });
        }
        entry.resume();
      }
    }
  })();
  try {
    await Promise.all([pipeline(archive, extract), reading]);
  } catch (e) {
    throw new Error(`${what} is not a readable docker-archive (${(e as Error).message}); write it with docker save.`);
  }
  return stored;
}

function resolveStored(stored: Map<string, Stored>, name: string): string | undefined {
  let current = cleanArchivePath(name);
  for (let hops = 0; hops < 16; hops++) {
    const s = stored.get(current);
    if (!s) return undefined;
    if ('file' in s) return s.file;
    current = s.link;
  }
  return undefined;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Reads a single-image docker-archive; `what` names it in messages. */
export async function readDockerArchive(archive: Readable, scratch: string, what: string): Promise<BaseImage> {
  await fsp.mkdir(scratch, { recursive: true });
  const stored = await unpack(archive, scratch, what);
  const manifestFile = resolveStored(stored, 'manifest.json');
  if (!manifestFile) throw new Error(`${what} has no manifest.json, so it is no docker-archive; write it with docker save.`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await fsp.readFile(manifestFile, 'utf8'));
  } catch (e) {
    throw new Error(`The manifest.json of ${what} is not JSON (${(e as Error).message}); write the archive with docker save.`);
  }
  if (!Array.isArray(manifest) || manifest.length !== 1) {
    const count = Array.isArray(manifest) ? manifest.length : 0;
    throw new Error(`${what} holds ${count} images; a base image archive must hold exactly one (docker save <one image>).`);
  }
  const entry = manifest[0] as { Config?: string; Layers?: string[] };
  const configFile = entry.Config ? resolveStored(stored, entry.Config) : undefined;
  if (!configFile) throw new Error(`${what} names config ${entry.Config ?? '(none)'} in manifest.json, but the archive does not hold it.`);
  const config = JSON.parse(await fsp.readFile(configFile, 'utf8')) as JsonObject;
  const diffIds = ((config.rootfs as JsonObject | undefined)?.diff_ids ?? []) as string[];
  const layerPaths = entry.Layers ?? [];
  if (layerPaths.length !== diffIds.length) {
    throw new Error(`${what} lists ${layerPaths.length} layers but its config has ${diffIds.length} diff_ids; write the archive again with docker save.`);
  }
  const layers: ArchiveLayer[] = [];
  for (let i = 0; i < layerPaths.length; i++) {
    let file = resolveStored(stored, layerPaths[i]);
    if (!file) throw new Error(`${what} names layer ${layerPaths[i]} in manifest.json, but the archive does not hold it.`);
    if (await isGzip(file)) {
      const plain = `${file}.tar`;
      await pipeline(createReadStream(file), createGunzip(), createWriteStream(plain));
      file = plain;
    }
    const diffId = await sha256OfFile(file);
    if (diffId !== diffIds[i]) {
      throw new Error(`Layer ${layerPaths[i]} of ${what} has digest ${diffId}, not the ${diffIds[i]} its config names; the archive is damaged.`);
    }
    layers.push({ file, diffId });
  }
  return { config, layers };
}

/** Throws unless the base image is for the image's platform. */
export function checkBasePlatform(config: JsonObject, platform: Platform, what: string): void {
  const os = String(config.os ?? '');
  const arch = String(config.architecture ?? '');
  if (os !== platform.os || arch !== platform.arch) {
    throw new Error(
      `Base image ${what} is ${os || '?'}/${arch || '?'}, not ${platform.os}/${platform.arch}; give a base image for ${platform.os}/${platform.arch}.`,
    );
  }
}
