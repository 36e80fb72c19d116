import type { TargetConfiguration } from '@nx/devkit';
import type { ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { containerTaskInputs, dockerfileOption } from './build';
import { modDownloadDependsOn } from './module';

function dependsOnOf(mod: ModuleModel, options: NormalizedOptions): Pick<TargetConfiguration, 'dependsOn'> {
  const dependsOn = [
    ...(options.image ? [] : [{ target: options.targetNames.buildImage, projects: [mod.imageProject], params: 'ignore' as const }]),
    ...modDownloadDependsOn(mod, options),
  ];
  return dependsOn.length > 0 ? { dependsOn } : {};
}

/** `go test` of one package in the build container, run where the package builds (its context). */
export function testTarget(goPackageArg: string, mod: ModuleModel, options: NormalizedOptions): TargetConfiguration {
  const moduleRoot = mod.dir;
  return {
    executor: 'nx-kube-build:go-test',
    cache: true,
    inputs: ['goTest', '^goBuild', ...containerTaskInputs(mod, options)],
    outputs: [],
    options: {
      moduleRoot,
      packages: [goPackageArg],
      dockerfile: dockerfileOption(mod),
      ...(options.image ? { image: options.image } : {}),
      network: options.network,
      ...(!mod.needsModCache ? {} : { downloadNetwork: options.downloadNetwork }),
    },
    ...dependsOnOf(mod, options),
    metadata: {
      description: `go test ${goPackageArg} in the kube-build container`,
      technologies: ['go', 'docker'],
    },
  };
}
