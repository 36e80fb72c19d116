/** Where a project's build target writes for a configuration, as Nx resolved the target: the configuration's outputPath over the target's. */
import type { ExecutorContext } from '@nx/devkit';

export function buildOutputOf(context: Pick<ExecutorContext, 'projectsConfigurations'>) {
  return (target: string, project: string, configuration: string): string | undefined => {
    const t = context.projectsConfigurations?.projects[project]?.targets?.[target];
    const out = t?.configurations?.[configuration]?.outputPath ?? t?.options?.outputPath;
    return typeof out === 'string' && out !== '' ? out : undefined;
  };
}
