/** The generator's container: go-build's, with the output dirs mounted writable over the read-only module. Pure. */
import * as path from 'path';
import type { Platform } from '../../../plugin/platforms';
import { goContainerEnv, goContainerInput, goContainerName, ModCache } from '../../shared/container/go-container';
import { taskLabels } from '../../shared/container/labels';
import type { ContainerInput } from '../../shared/container/spec';
import type { Owner } from '../../shared/nx/owner';
import type { NormalizedGenerateOptions } from './options';

export interface GenerateFacts {
  project: string;
  target: string;
  nonce: string;
  owner: Owner;
  image: string;
  user?: string;
  /** The engine's architecture: the generator runs natively there. */
  host: Platform;
  hostEnv: NodeJS.ProcessEnv;
  sourceDateEpoch: string;
  modCache?: ModCache;
}

export function generateContainer(o: NormalizedGenerateOptions, f: GenerateFacts): ContainerInput {
  const platform = { os: 'linux', arch: f.host.arch };
  const input = goContainerInput({
    name: goContainerName(o.workspaceRoot, f.project, 'generate', f.nonce),
    image: f.image,
    cmd: o.command,
    moduleDir: o.moduleDir,
    modulePath: o.modulePath,
    cacheVolume: o.cacheVolume,
    modCache: f.modCache,
    network: o.network,
    env: goContainerEnv({ platform, cgo: false, vendored: o.vendored, hostEnv: f.hostEnv, sourceDateEpoch: f.sourceDateEpoch }),
    user: f.user,
    labels: taskLabels({ workspaceRoot: o.workspaceRoot, project: f.project, target: f.target, platform: `linux/${f.host.arch}` }, f.owner),
  });
  // Each output dir over the read-only module: the only source paths the generator may write.
  for (const dir of o.outputs) {
    input.mounts.push({ type: 'bind', source: path.join(o.moduleDir, dir), target: path.posix.join(input.workingDir, dir), readOnly: false });
  }
  return input;
}
