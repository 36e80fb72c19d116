import type { TargetConfiguration } from '@nx/devkit';
import { ALL_BINARIES, BinaryModel, matchesBinary, ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { configurationName, hostPlatform, Platform, platformString } from '../platforms';
import { imageArchivePath, imageTagFilePath } from '../vocabulary/layout';
import { binaryBuildInputs } from './build';
import { envInputs, InputDefinition, VERSION_ENV_INPUTS, VERSION_RUNTIME_INPUT } from './inputs';

/** Env that changes an image besides its binary: the registry in its tag and the version facts in its labels. */
export const IMAGE_ENV_INPUTS = ['KUBE_DOCKER_REGISTRY', 'KUBE_DOCKER_IMAGE_TAG', ...VERSION_ENV_INPUTS];

/** A base image name the runtime input may quote safely; anything else is left to the executor to reject. */
const SAFE_IMAGE_NAME = /^[a-z0-9][a-z0-9._/:@-]*$/;

/** Linux platforms of a binary: the ones that get an image. */
export function imagePlatforms(b: BinaryModel): Platform[] {
  return b.platforms.filter((p) => p.os === 'linux');
}

/**
 * The base of a binary's image: its own baseImages key (name or dir), else baseImages["*"], else baseImage
 * (both of those set is an error), as written in nx.json.
 */
export function baseImageOf(b: Pick<BinaryModel, 'name' | 'dirSpellings'>, options: Pick<NormalizedOptions, 'baseImage' | 'baseImages'>): string | undefined {
  const entries = Object.entries(options.baseImages);
  const all = options.baseImages[ALL_BINARIES];
  if (all !== undefined && options.baseImage) {
    throw new Error(
      `nx-kube-build in nx.json sets both baseImage ("${options.baseImage}") and baseImages["*"] ("${all}"): baseImage is the "*" of baseImages, so keep one of them.`,
    );
  }
  const own = entries.filter(([k]) => k !== ALL_BINARIES && matchesBinary([k], b.name, b.dirSpellings));
  if (own.length > 1) {
    throw new Error(`baseImages has ${own.map(([k]) => `"${k}"`).join(' and ')} for ${b.name}: keep one key per binary.`);
  }
  return own[0]?.[1] ?? all ?? options.baseImage;
}

/** A base as the executor takes it: an archive path workspace-relative, a name as written. */
export function baseImageOption(mod: ModuleModel, base: string | undefined): string | undefined {
  if (!base) return undefined;
  return base.endsWith('.tar') ? [mod.dir, base.replace(/^\.\//, '')].filter(Boolean).join('/') : base;
}

function baseImageInputs(base: string | undefined): (string | InputDefinition)[] {
  if (!base) return [];
  if (base.endsWith('.tar')) return [`{workspaceRoot}/${base}`];
  if (!SAFE_IMAGE_NAME.test(base)) return [];
  return [{ runtime: `docker image inspect --format '{{.Id}}' '${base}' 2>/dev/null || true` }];
}

/** The `image` target of a binary that ships one (build/lib/release.sh's image step), or undefined. */
export function imageTarget(b: BinaryModel, mod: ModuleModel, options: NormalizedOptions): TargetConfiguration | undefined {
  const platforms = imagePlatforms(b);
  if (!b.image || platforms.length === 0) return undefined;
  const configurations: Record<string, Record<string, unknown>> = {};
  for (const p of platforms) {
    configurations[configurationName(p)] = {
      platform: platformString(p),
      archivePath: imageArchivePath(b.moduleRoot, p.arch, b.name),
      tagFile: imageTagFilePath(b.moduleRoot, p.arch, b.name),
    };
  }
  const base = baseImageOption(mod, baseImageOf(b, options));
  const inputs = [...binaryBuildInputs(mod, options)];
  const seen = new Set(inputs.map((i) => JSON.stringify(i)));
  for (const i of [...envInputs(IMAGE_ENV_INPUTS), { runtime: VERSION_RUNTIME_INPUT }, ...baseImageInputs(base)]) {
    if (!seen.has(JSON.stringify(i))) inputs.push(i);
  }
  const host = configurationName(hostPlatform());
  return {
    executor: 'nx-kube-build:image',
    cache: true,
    inputs,
    outputs: ['{options.archivePath}', '{options.tagFile}'],
    options: {
      moduleRoot: b.moduleRoot,
      binaryName: b.name,
      buildTarget: options.targetNames.build,
      ...(base ? { baseImage: base } : {}),
    },
    configurations,
    defaultConfiguration: configurations[host] ? host : configurationName(platforms[0]),
    metadata: {
      description: `Build the ${b.name} image from its ${options.targetNames.build} output, FROM ${base ?? 'scratch'}, into ${imageArchivePath(
        b.moduleRoot,
        '<arch>',
        b.name,
      )} and the Docker Engine (make release-images): ${platforms.map(platformString).join(', ')}`,
      technologies: ['docker'],
    },
  };
}
