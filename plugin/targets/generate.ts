import type { TargetConfiguration } from '@nx/devkit';
import type { ModuleModel } from '../model';
import type { NormalizedOptions } from '../options';
import { checkGenerate } from '../vocabulary/generate';
import { containerTaskInputs, dockerfileOption } from './build';
import { modDownloadDependsOn } from './module';

const ws = (...parts: string[]): string => ['{workspaceRoot}', ...parts.filter(Boolean)].join('/');

/** Modules that build binaries get the generate target when the option is set. */
const generates = (mod: ModuleModel, options: NormalizedOptions): boolean => options.generate !== undefined && mod.binaries.length > 0;

/**
 * make generated_files: the generator in the build container, the module read-only but for its output dirs,
 * which are the target's outputs (cached, restored on a hit). Inputs: the module's files outside them.
 */
export function generateTarget(mod: ModuleModel, options: NormalizedOptions): TargetConfiguration | undefined {
  if (!generates(mod, options)) return undefined;
  const spec = checkGenerate(options.generate);
  return {
    executor: 'nx-kube-build:go-generate',
    cache: true,
    inputs: [
      ws(mod.dir, '**/*'),
      `!${ws(mod.dir, '_output/**')}`,
      ...spec.outputs.map((o) => `!${ws(mod.dir, o, '**')}`),
      ...containerTaskInputs(mod, options),
    ],
    outputs: spec.outputs.map((o) => ws(mod.dir, o)),
    options: {
      moduleRoot: mod.dir,
      command: spec.command,
      outputs: spec.outputs,
      dockerfile: dockerfileOption(mod),
      ...(options.image ? { image: options.image } : {}),
      network: options.network,
    },
    dependsOn: [
      ...(options.image ? [] : [{ target: options.targetNames.buildImage, projects: [mod.imageProject], params: 'ignore' as const }]),
      ...modDownloadDependsOn(mod, options),
    ],
    metadata: {
      description: `Run ${spec.command.join(' ')} in the kube-build container with ${mod.dir || '.'} read-only except ${spec.outputs.join(', ')} (make generated_files); the builds here depend on it`,
      technologies: ['go', 'docker'],
    },
  };
}

/** The builds of a module with a generator run it first, as make runs generated_files before building. */
export function generateDependsOn(mod: ModuleModel, options: NormalizedOptions): { target: string; projects: string[]; params: 'ignore' }[] {
  return generates(mod, options) ? [{ target: options.targetNames.generate, projects: [mod.name], params: 'ignore' }] : [];
}

/** What the generator wrote: hashed after it ran, since the graph saw the tree before (a generated package may be new). */
export function generatedInputs(mod: ModuleModel, options: NormalizedOptions): { dependentTasksOutputFiles: string; transitive: boolean }[] {
  return generates(mod, options) ? [{ dependentTasksOutputFiles: '**/*', transitive: false }] : [];
}
