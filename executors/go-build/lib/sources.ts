/** Puts the module where the build container can read it: the checkout itself, or a copy sent into the engine's volume. */
import { copiesSources } from '../../shared/engine/engines';
import type { PreparedEngine } from '../../shared/image/prepare';
import { executorStateDir } from '../../shared/nx/state-dir';
import { syncSources } from '../../shared/sync/volume';
import type { NormalizedBuildOptions } from './options';
import type { PlacedSources } from './plan';

export async function placeSources(
  o: NormalizedBuildOptions,
  lease: Pick<PreparedEngine, 'engine' | 'image'>,
  log: (line: string) => void,
  sync: typeof syncSources = syncSources,
): Promise<PlacedSources> {
  if (!copiesSources(o.sync, lease.engine.url)) return { kind: 'mount' };
  const { volume } = await sync({
    engine: lease.engine,
    workspaceRoot: o.workspaceRoot,
    moduleRoot: o.moduleRoot,
    moduleDir: o.moduleDir,
    image: lease.image.tag,
    stateDir: executorStateDir(o.workspaceRoot),
    log,
  });
  return { kind: 'volume', volume };
}
