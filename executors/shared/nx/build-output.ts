/**
 * Where a project's build target writes its binary for a platform, from the
 * target as Nx resolved it in the project graph (project.json, targetDefaults
 * and the plugin merged, tokens replaced): the configuration's options over
 * the target's, then the output layout's one rule (builtBinaryPath).
 */
import type { ExecutorContext } from '@nx/devkit';
import { configurationName, Platform } from '../../../plugin/platforms';
import { builtBinaryPath } from '../../../plugin/vocabulary/layout';

/** Workspace-relative binary path, or undefined when the project has no such target. */
export type BuildOutput = (target: string, project: string, p: Platform, name: string) => string | undefined;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function buildOutputOf(context: Pick<ExecutorContext, 'projectsConfigurations'>): BuildOutput {
  return (target, project, p, name) => {
    const t = context.projectsConfigurations?.projects[project]?.targets?.[target];
    if (!t) return undefined;
    const options: Record<string, unknown> = { ...t.options, ...t.configurations?.[configurationName(p)] };
    const moduleRoot = (text(options.moduleRoot) ?? '').replace(/^\.(\/|$)/, '').replace(/\/+$/, '');
    return builtBinaryPath(options, moduleRoot, p, text(options.binaryName) ?? name).path;
  };
}
