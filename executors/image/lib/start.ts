/** Everything one image run decides before anything runs: the settings, the absolute paths, the version and the image name. */
import type { VersionInfo } from '../../../plugin/vocabulary/version';
import { workspacePath } from '../../shared/module/paths';
import type { ImageExecutorOptions } from '../types';
import type { ImageDeps } from './deps';
import { ImageName, imageName } from './naming';
import { ImageSettings, resolveImageSettings } from './settings';

export interface ImageStart {
  s: ImageSettings;
  version: VersionInfo & { gitVersion: string };
  name: ImageName;
  /** Absolute binary, docker-archive and tag file. */
  binary: string;
  archive: string;
  tagFile: string;
}

export async function startImage(
  options: ImageExecutorOptions,
  project: string,
  workspaceRoot: string,
  deps: Pick<ImageDeps, 'env' | 'readVersionInfo' | 'buildOutput'>,
): Promise<ImageStart> {
  const s = resolveImageSettings(options, deps.env, project, deps.buildOutput);
  const binary = workspacePath(workspaceRoot, s.binaryPath, 'binaryPath');
  const archive = workspacePath(workspaceRoot, s.archivePath, 'archivePath');
  const tagFile = workspacePath(workspaceRoot, s.tagFile, 'tagFile');
  const version = await deps.readVersionInfo(workspaceRoot, deps.env);
  if (!version.gitVersion) {
    throw new Error(`Cannot tell the image version of ${workspaceRoot}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`);
  }
  return {
    s,
    version: { ...version, gitVersion: version.gitVersion },
    name: imageName(s.registry, s.binary, s.platform.arch, version.gitVersion, deps.env),
    binary,
    archive,
    tagFile,
  };
}
