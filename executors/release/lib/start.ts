/** Everything a release decides before anything runs: the settings, the module, the pure plan and the version. */
import { promises as fsp } from 'fs';
import { platformString } from '../../../plugin/platforms';
import type { VersionInfo } from '../../../plugin/vocabulary/version';
import { workspacePath } from '../../shared/module/paths';
import type { ReleaseExecutorOptions } from '../types';
import type { ReleaseDeps } from './deps';
import { planRelease, ReleasePlan } from './plan';
import { ReleaseSettings, resolveSettings } from './settings';

export interface ReleaseStart {
  s: ReleaseSettings;
  /** Absolute module directory. */
  moduleDir: string;
  plan: ReleasePlan;
  version: VersionInfo & { gitVersion: string };
}

export async function startRelease(
  options: ReleaseExecutorOptions,
  workspaceRoot: string,
  deps: Pick<ReleaseDeps, 'env' | 'log' | 'host' | 'buildOutput' | 'readVersionInfo'>,
): Promise<ReleaseStart> {
  const { env, log } = deps;
  const s = resolveSettings(options, env);
  const moduleDir = workspacePath(workspaceRoot, s.moduleRoot || '.', 'moduleRoot');
  if (!(await fsp.stat(moduleDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(`moduleRoot "${s.moduleRoot}" is not a directory under ${workspaceRoot}; point it at the Go module.`);
  }
  const plan = planRelease({
    name: s.name,
    moduleRoot: s.moduleRoot,
    groups: s.groups,
    hostOnly: s.hostOnly,
    env,
    host: deps.host,
    images: s.images,
    binarySource: deps.buildOutput && ((project, p, name) => deps.buildOutput!(s.buildTarget, project, p, name)),
  });
  for (const note of plan.notes) log.warn(note);
  if (plan.platforms.length > 0) log.info(`Releasing ${s.name} for ${plan.platforms.map(platformString).join(', ')}.`);
  const version = await deps.readVersionInfo(workspaceRoot, env);
  if (!version.gitVersion) {
    throw new Error(`Cannot tell the release version of ${workspaceRoot}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`);
  }
  return { s, moduleDir, plan, version: { ...version, gitVersion: version.gitVersion } };
}
