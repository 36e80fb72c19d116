/**
 * A docker-archive (the `docker save` format `docker load` reads) written
 * without an engine: manifest.json, `<config digest>.json`, one
 * `<layer id>/layer.tar` (with its legacy VERSION and json) per layer, and
 * repositories. Byte-identical for identical inputs.
 */
import { TarEntry, writeTar } from '../../shared/archive/tar';
import { canonicalJson, Json, JsonObject } from './config';
import { hexOf, sha256Of } from './digest';

export interface ArchiveLayer {
  /** Absolute path of the uncompressed layer tar. */
  file: string;
  /** `sha256:` of that tar. */
  diffId: string;
}

export interface RepoTag {
  repo: string;
  tag: string;
}

export interface DockerArchiveInput {
  config: JsonObject;
  /** In the order of the config's rootfs.diff_ids. */
  layers: ArchiveLayer[];
  repoTags: RepoTag[];
}

/** Chain IDs of a layer stack (the image spec's ChainID): unique per position, so each layer gets its own folder. */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : sha256Of(`${out[out.length - 1]} ${d}`));
  return out;
}

function diffIdsOf(config: JsonObject): string[] {
  const rootfs = config.rootfs as JsonObject | undefined;
  const ids = rootfs?.diff_ids;
  return Array.isArray(ids) ? ids.map(String) : [];
}

export interface ArchiveContents {
  entries: TarEntry[];
  /** `sha256:` of the config bytes: the ID the engine gives the loaded image. */
  imageId: string;
  configFile: string;
  manifest: Json;
}

/** Every entry of the archive; pure but for the layer files it names. */
export function dockerArchiveContents(input: DockerArchiveInput): ArchiveContents {
  const diffIds = input.layers.map((l) => l.diffId);
  const expected = diffIdsOf(input.config);
  if (canonicalJson(diffIds) !== canonicalJson(expected)) {
    throw new Error(
      `The image layers (${diffIds.join(', ')}) do not match the config's rootfs.diff_ids (${expected.join(', ')}); each layer must be listed once, in order.`,
    );
  }
  const configJson = canonicalJson(input.config);
  const imageId = sha256Of(configJson);
  const configFile = `${hexOf(imageId)}.json`;
  const ids = chainIds(diffIds).map(hexOf);
  const created = typeof input.config.created === 'string' ? input.config.created : undefined;
  const entries: TarEntry[] = [{ type: 'file', name: configFile, content: configJson }];
  ids.forEach((id, i) => {
    const v1: JsonObject = {
      id,
      ...(i > 0 ? { parent: ids[i - 1] } : {}),
      ...(created ? { created } : {}),
      os: input.config.os ?? 'linux',
      ...(input.config.architecture ? { architecture: input.config.architecture } : {}),
    };
    entries.push(
      { type: 'file', name: `${id}/VERSION`, content: '1.0' },
      { type: 'file', name: `${id}/json`, content: canonicalJson(v1) },
      { type: 'file', name: `${id}/layer.tar`, source: input.layers[i].file, executable: false },
    );
  });
  const repoTags = input.repoTags.map((t) => `${t.repo}:${t.tag}`);
  const manifest: Json = [{ Config: configFile, RepoTags: repoTags, Layers: ids.map((id) => `${id}/layer.tar`) }];
  entries.push({ type: 'file', name: 'manifest.json', content: canonicalJson(manifest) });
  const repositories: JsonObject = {};
  for (const t of input.repoTags) {
    const tags = (repositories[t.repo] as JsonObject | undefined) ?? {};
    tags[t.tag] = ids[ids.length - 1] ?? '';
    repositories[t.repo] = tags;
  }
  entries.push({ type: 'file', name: 'repositories', content: canonicalJson(repositories) });
  return { entries, imageId, configFile, manifest };
}

/** Writes the archive to `dest` (uncompressed, as docker save does); returns the image ID. */
export async function writeDockerArchive(
  dest: string,
  input: DockerArchiveInput,
  mtime: number,
  signal?: AbortSignal,
): Promise<string> {
  const contents = dockerArchiveContents(input);
  await writeTar(dest, contents.entries, { mtime, signal });
  return contents.imageId;
}
