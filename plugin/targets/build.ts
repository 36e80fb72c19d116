import * as path from 'path';
import type { TargetConfiguration } from '@nx/devkit';
import type { BinaryModel, ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { configurationName, hostPlatform, platformString } from '../platforms';
import { builtBinaryPath } from '../vocabulary/layout';
import { droppedReason } from '../go/platform-support';
import {
  CGO_ENV_INPUTS,
  envInputs,
  GO_ENV_INPUTS,
  imageInputs,
  TOOLCHAIN_RUNTIME_INPUT,
  VERSION_ENV_INPUTS,
  VERSION_RUNTIME_INPUT,
} from './inputs';
import { modDownloadDependsOn } from './module';
import { generateDependsOn, generatedInputs } from './generate';

/** The build image definition as executors take it: relative to the dir the task runs in. */
export function dockerfileOption(mod: ModuleModel): string {
  return path.posix.relative(mod.dir || '.', mod.dockerfile || '.');
}

/** Inputs every containerized Go task shares: module files, the image, the env the Makefile passes. */
export function containerTaskInputs(mod: ModuleModel, options: NormalizedOptions) {
  return [
    ...mod.fileInputs,
    ...(options.image ? [] : imageInputs(mod.dockerfile)),
    ...envInputs(GO_ENV_INPUTS),
    // Even with `image` set: host mode (`--mode=host`) builds with the host's Go.
    { runtime: TOOLCHAIN_RUNTIME_INPUT },
  ];
}

/** What decides a built binary: its package and the packages it imports, the container, the stamped version. */
export function binaryBuildInputs(mod: ModuleModel, options: NormalizedOptions, testBinary = false): NonNullable<TargetConfiguration['inputs']> {
  const stamped = options.versionPackages.length > 0;
  return [
    // A test binary compiles its package's _test.go files too; of its imports, as any binary, only their non-test files.
    testBinary ? 'goTestBinary' : 'goBuild',
    '^goBuild',
    ...containerTaskInputs(mod, options),
    ...envInputs(CGO_ENV_INPUTS),
    ...(stamped ? [...envInputs(VERSION_ENV_INPUTS), { runtime: VERSION_RUNTIME_INPUT }] : []),
  ];
}

/**
 * What the module's cgo image holds, as options so the cache key follows
 * them: the cgoPackages, and every platform of the module's cgo binaries.
 * Absent when unused, so binaries without cgo keep their options.
 */
function cgoImageOptions(mod: ModuleModel, options: NormalizedOptions): Record<string, string[]> {
  const cgoOn = (x: BinaryModel) => x.platforms.map(platformString).filter((p) => !x.staticPlatforms.includes(p));
  const platforms = [...new Set(mod.binaries.filter((x) => x.cgo).flatMap(cgoOn))].sort();
  return {
    ...(options.cgoPackages.length > 0 ? { cgoPackages: options.cgoPackages } : {}),
    ...(platforms.length > 0 ? { cgoPlatforms: platforms } : {}),
  };
}

export function buildTarget(b: BinaryModel, mod: ModuleModel, options: NormalizedOptions): TargetConfiguration {
  const configurations: Record<string, Record<string, unknown>> = {};
  for (const p of b.platforms) {
    configurations[configurationName(p)] = {
      platform: platformString(p),
      outputPath: builtBinaryPath({}, b.moduleRoot, p, b.name).path,
      localOutputPath: builtBinaryPath({ mode: 'host' }, b.moduleRoot, p, b.name).path,
      // Outside staticBinaries but no C compiler for the platform: static there, as golang.sh's cross builds.
      ...(b.staticPlatforms.includes(platformString(p)) ? { cgo: false } : {}),
    };
  }
  const target: TargetConfiguration = {
    executor: 'nx-kube-build:go-build',
    cache: true,
    inputs: [...binaryBuildInputs(mod, options, b.testBinary), ...generatedInputs(mod, options)],
    outputs: ['{options.outputPath}', '{options.localOutputPath}'],
    options: {
      moduleRoot: b.moduleRoot,
      main: b.main,
      binaryName: b.name,
      ...(b.testBinary ? { testBinary: true } : {}),
      versionPackages: options.versionPackages,
      dockerfile: dockerfileOption(mod),
      ...(options.image ? { image: options.image } : {}),
      network: options.network,
      ...(!mod.needsModCache ? {} : { downloadNetwork: options.downloadNetwork }),
      cgo: b.cgo,
      ...cgoImageOptions(mod, options),
      tags: b.tags,
    },
    configurations,
    metadata: {
      description: `Build ${b.name} (${b.testBinary ? `go test -c ${b.main}` : b.main}) for one platform in the kube-build container: ${b.platforms
        .map(platformString)
        .join(', ')}`,
      technologies: ['go', 'docker'],
      platforms: platformsMetadata(b),
    },
  };
  const host = hostPlatform();
  if (configurations[configurationName(host)]) {
    target.defaultConfiguration = configurationName(host);
  } else if (b.droppedPlatforms.some((d) => d.platform === platformString(host))) {
    // The host platform was wanted but the code rules it out: no default, so
    // `run-many -c <host>` reaches the executor with no configuration and it
    // says why nothing is built, rather than building another platform.
  } else if (b.platforms.length > 0) {
    target.defaultConfiguration = configurationName(b.platforms[0]);
  }
  target.dependsOn = [
    ...(options.image ? [] : [{ target: options.targetNames.buildImage, projects: [mod.imageProject], params: 'ignore' as const }]),
    ...modDownloadDependsOn(mod, options),
    ...generateDependsOn(mod, options),
  ];
  if (target.dependsOn.length === 0) delete target.dependsOn;
  return target;
}

/**
 * What `nx show project` tells about platforms: those built, and each one its
 * groups list that build constraints rule out, with the package to blame.
 */
export function platformsMetadata(b: BinaryModel): {
  buildable: string[];
  dropped: Record<string, string>;
  needsCgo?: Record<string, string>;
} {
  return {
    buildable: b.platforms.map(platformString),
    dropped: Object.fromEntries(b.droppedPlatforms.map((d) => [d.platform, droppedReason(d)])),
    ...(b.needsCgo.length > 0 ? { needsCgo: Object.fromEntries(b.needsCgo.map((d) => [d.platform, droppedReason(d)])) } : {}),
  };
}

export function crossTarget(b: BinaryModel, options: NormalizedOptions): TargetConfiguration {
  return {
    executor: 'nx-kube-build:cross',
    cache: false,
    options: {
      platforms: b.platforms.map(platformString),
      ...(b.droppedPlatforms.length > 0 ? { droppedPlatforms: platformsMetadata(b).dropped } : {}),
      target: options.targetNames.build,
    },
    metadata: {
      description: `Build ${b.name} for every platform of its groups that its code supports (make cross), each platform a cached ${options.targetNames.build} task`,
      technologies: ['go', 'docker'],
      platforms: platformsMetadata(b),
    },
  };
}
