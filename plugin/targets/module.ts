import type { TargetConfiguration } from '@nx/devkit';
import { GROUP_ORDER } from '../groups';
import type { ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { platformString } from '../platforms';
import { imagePlatforms } from './image';
import { dockerfileOption } from './build';

export function buildImageTarget(mod: ModuleModel, options: NormalizedOptions): TargetConfiguration {
  return {
    executor: 'nx-kube-build:build-image',
    cache: false,
    options: { moduleRoot: mod.dir, dockerfile: options.dockerfile },
    metadata: {
      description: `Build the kube-build image from ${mod.dockerfile} when its definition changed (kube::build::build_image)`,
      technologies: ['docker'],
    },
  };
}

/** kube::release::package_tarballs for every group of the module. */
export function releaseTarget(mod: ModuleModel, testProjects: string[], options: NormalizedOptions): TargetConfiguration {
  const groups: Record<string, { binaries: { project: string; name: string }[]; platforms: string[] }> = {};
  const names = [...new Set([...GROUP_ORDER, ...mod.groups.map((g) => g.name)])];
  const buildable = mod.binaries.filter((b) => b.platforms.length > 0);
  for (const name of names) {
    const group = mod.groups.find((g) => g.name === name);
    const listed = group ? group.platforms.map(platformString) : [];
    const members = buildable.filter((b) => b.groups.includes(name) && b.platforms.some((p) => listed.includes(platformString(p))));
    if (!group || members.length === 0) continue;
    groups[name] = {
      // A binary whose build constraints rule out some of the group's platforms ships on the rest.
      binaries: members.map((b) => {
        const own = b.platforms.map(platformString).filter((p) => listed.includes(p));
        return own.length < listed.length ? { project: b.name, name: b.name, platforms: own } : { project: b.name, name: b.name };
      }),
      platforms: listed,
    };
  }
  // Binaries in no group ship in a release of their own platforms.
  const loose = buildable.filter((b) => b.groups.length === 0);
  if (loose.length > 0) {
    groups['default'] = {
      binaries: loose.map((b) => ({ project: b.name, name: b.name, platforms: b.platforms.map(platformString) })),
      platforms: [...new Set(loose.flatMap((b) => b.platforms.map(platformString)))],
    };
  }
  // Binaries with an image target: their images go into the server tarballs (release-images).
  const images = mod.binaries.filter((b) => b.image && imagePlatforms(b).length > 0).map((b) => b.name);
  return {
    executor: 'nx-kube-build:release',
    cache: false,
    options: {
      moduleRoot: mod.dir,
      name: mod.releaseName,
      groups,
      testProjects,
      runTests: true,
      buildTarget: options.targetNames.build,
      testTarget: options.targetNames.test,
      images,
      imageTarget: options.targetNames.image,
    },
    configurations: {
      quick: { hostOnly: true, runTests: false },
    },
    metadata: {
      description: `Package ${mod.releaseName} release tarballs with checksums into ${[mod.dir, '_output/release-tars'].filter(Boolean).join('/')} (make release; -c quick is make quick-release)`,
      technologies: ['go', 'docker'],
    },
  };
}

/** go.mod, go.sum, go.work and go.work.sum of a context: what `go mod download` reads. */
export function modFileInputs(mod: ModuleModel): string[] {
  return mod.fileInputs.filter((f) => !f.endsWith('/vendor/modules.txt'));
}

/** `go mod download` of a non-vendored context into its module-cache volume; the builds there mount it read-only. */
export function modDownloadTarget(mod: ModuleModel, options: NormalizedOptions): TargetConfiguration {
  return {
    executor: 'nx-kube-build:go-mod-download',
    cache: true,
    inputs: modFileInputs(mod),
    outputs: [],
    options: {
      moduleRoot: mod.dir,
      dockerfile: dockerfileOption(mod),
      ...(options.image ? { image: options.image } : {}),
      network: options.downloadNetwork,
    },
    ...(options.image ? {} : { dependsOn: [{ target: options.targetNames.buildImage, projects: [mod.imageProject], params: 'ignore' as const }] }),
    metadata: {
      description: `go mod download in ${mod.dir || '.'} into the module-cache volume nx-kube-build-gomod-<hash of go.mod and go.sum> (network ${options.downloadNetwork}); builds mount it read-only with no network`,
      technologies: ['go', 'docker'],
    },
  };
}

/** A build or test of a non-vendored context first fills its module cache (a module project's target). */
export function modDownloadDependsOn(mod: ModuleModel, options: NormalizedOptions): { target: string; projects: string[]; params: 'ignore' }[] {
  return !mod.needsModCache || !mod.project ? [] : [{ target: options.targetNames.modDownload, projects: [mod.name], params: 'ignore' }];
}
