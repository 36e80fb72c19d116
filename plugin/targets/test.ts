import type { TargetConfiguration } from '@nx/devkit';
import type { ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { containerTaskInputs } from './build';

/** `go test` of one package in the build container. */
export function testTarget(goPackageArg: string, moduleRoot: string, mod: ModuleModel, options: NormalizedOptions): TargetConfiguration {
  return {
    executor: 'nx-kube-build:go-test',
    cache: true,
    inputs: ['goTest', '^goBuild', ...containerTaskInputs(mod, options)],
    outputs: [],
    options: {
      moduleRoot,
      packages: [goPackageArg],
      dockerfile: options.dockerfile,
      ...(options.image ? { image: options.image } : {}),
      network: options.network,
    },
    ...(options.image ? {} : { dependsOn: [{ target: options.targetNames.buildImage, projects: [mod.name], params: 'ignore' as const }] }),
    metadata: {
      description: `go test ${goPackageArg} in the kube-build container`,
      technologies: ['go', 'docker'],
    },
  };
}
