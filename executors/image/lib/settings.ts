/** Options and environment folded into what one image run does. Pure. */
import { configurationName, parsePlatform, Platform } from '../../../plugin/platforms';
import { builtBinaryPath, imageArchivePath } from '../../../plugin/vocabulary/layout';
import type { BuildOutput } from '../../shared/nx/build-output';
import type { RegistryAuth } from '../../shared/engine/docker';
import type { ImageExecutorOptions } from '../types';
import { resolveRegistry } from './naming';

export interface ImageSettings {
  moduleRoot: string;
  binary: string;
  platform: Platform;
  configuration: string;
  /** Workspace-relative. */
  binaryPath: string;
  archivePath: string;
  tagFile: string;
  buildTarget: string;
  baseImage?: { kind: 'archive'; path: string } | { kind: 'engine'; name: string };
  registry: string;
  push: boolean;
  auth?: RegistryAuth;
}

const IMAGE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;

/**
 * `buildOutput` says where the project's build target writes the binary (its
 * resolved outputPath); the `binaryPath` option wins over it, the output
 * layout is the fallback.
 */
export function resolveImageSettings(
  options: ImageExecutorOptions,
  env: NodeJS.ProcessEnv,
  project?: string,
  buildOutput?: BuildOutput,
): ImageSettings {
  const moduleRoot = (options.moduleRoot ?? '').replace(/\\/g, '/').replace(/^\.(\/|$)/, '').replace(/\/+$/, '');
  const binary = options.binaryName;
  if (!binary || /[/\\]/.test(binary) || binary === '.' || binary === '..') {
    throw new Error(`binaryName "${binary ?? ''}" is not a file name; give the bare binary name, e.g. kube-proxy.`);
  }
  if (!options.platform) {
    throw new Error(`The image target of ${project ?? binary} has no platform; run it with a configuration such as -c linux-amd64.`);
  }
  const platform = parsePlatform(options.platform);
  if (platform.os !== 'linux') {
    throw new Error(`Images are built for linux only, not ${options.platform}; run the image target with a linux configuration such as -c linux-amd64.`);
  }
  const buildTarget = options.buildTarget || 'build';
  const archivePath = options.archivePath ?? imageArchivePath(moduleRoot, platform.arch, binary);
  if (!archivePath.endsWith('.tar')) {
    throw new Error(`archivePath "${archivePath}" must end in .tar; name the docker-archive <binary>.tar.`);
  }
  let baseImage: ImageSettings['baseImage'];
  const base = options.baseImage?.trim();
  if (base) {
    if (base.endsWith('.tar')) {
      baseImage = { kind: 'archive', path: base };
    } else if (IMAGE_NAME.test(base)) {
      baseImage = { kind: 'engine', name: base };
    } else {
      throw new Error(
        `baseImage "${base}" is neither a docker-archive (a path ending in .tar) nor an image name; give e.g. build/base.tar or gcr.io/distroless/static:nonroot.`,
      );
    }
  }
  return {
    moduleRoot,
    binary,
    platform,
    configuration: configurationName(platform),
    binaryPath:
      options.binaryPath ??
      (project && buildOutput?.(buildTarget, project, platform, binary)) ??
      builtBinaryPath({}, moduleRoot, platform, binary).path,
    archivePath,
    tagFile: options.tagFile ?? archivePath.replace(/\.tar$/, '.docker_tag'),
    buildTarget,
    ...(baseImage ? { baseImage } : {}),
    registry: resolveRegistry(options.registry, env),
    push: options.push ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
  };
}
