/** The image on disk: the base image read, the binary layer, the config, then the docker-archive and the tag file, whole or not at all. */
import { createReadStream, promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workspacePath } from '../../shared/module/paths';
import { writeDockerArchive } from './archive';
import { BaseImage, checkBasePlatform, readDockerArchive } from './base';
import { imageConfig } from './config';
import { checkNotAborted, ImageEngine } from './deps';
import { writeBinaryLayer } from './layer';
import type { ImageSettings } from './settings';
import type { ImageStart } from './start';

/** The base image of the settings: a docker-archive in the workspace, or an image the engine exports. */
export async function readBase(
  base: NonNullable<ImageSettings['baseImage']>,
  root: string,
  scratch: string,
  engine: Pick<ImageEngine, 'exportImage'>,
): Promise<BaseImage> {
  if (base.kind === 'archive') {
    const file = workspacePath(root, base.path, 'baseImage');
    if (!(await fsp.stat(file).catch(() => undefined))?.isFile()) {
      throw new Error(`baseImage "${base.path}" is not a file; point it at a docker-archive written by docker save, relative to the workspace root.`);
    }
    return readDockerArchive(createReadStream(file), scratch, `base image archive ${base.path}`);
  }
  return readDockerArchive(await engine.exportImage(base.name), scratch, `base image ${base.name}`);
}

/** Writes the docker-archive and the tag file; returns the image ID. */
export async function writeImage(
  start: ImageStart,
  workspaceRoot: string,
  engine: Pick<ImageEngine, 'exportImage'>,
  signal?: AbortSignal,
): Promise<string> {
  const { s, version, name, archive, tagFile } = start;
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'nkb-image-'));
  const partial = `${archive}.partial`;
  try {
    const base = s.baseImage ? await readBase(s.baseImage, workspaceRoot, path.join(scratch, 'base'), engine) : undefined;
    if (base && s.baseImage) {
      checkBasePlatform(base.config, s.platform, s.baseImage.kind === 'archive' ? s.baseImage.path : s.baseImage.name);
    }
    checkNotAborted(signal, s.binary);
    const layer = path.join(scratch, 'layer.tar');
    const diffId = await writeBinaryLayer(layer, s.binary, start.binary, version.epoch, signal);
    const config = imageConfig({
      binary: s.binary,
      platform: s.platform,
      created: version.buildDate,
      gitVersion: version.gitVersion,
      gitCommit: version.gitCommit,
      layerDiffId: diffId,
      base: base?.config,
    });
    await fsp.mkdir(path.dirname(archive), { recursive: true });
    await fsp.mkdir(path.dirname(tagFile), { recursive: true });
    const layers = [...(base?.layers ?? []), { file: layer, diffId }];
    const imageId = await writeDockerArchive(partial, { config, layers, repoTags: [{ repo: name.repo, tag: name.tag }] }, version.epoch, signal);
    await fsp.rename(partial, archive);
    await fsp.writeFile(tagFile, `${name.tag}\n`);
    return imageId;
  } finally {
    await fsp.rm(partial, { force: true });
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}
