/**
 * Puts a module where a Go container (build or test) can read it: the
 * checkout itself, or a copy sent into the engine's source volume when the
 * engine cannot see this machine.
 */
import type { DockerEngine } from '../engine/docker';
import { copiesSources, SyncMode } from '../engine/engines';
import { executorStateDir } from '../nx/state-dir';
import { syncSources } from './volume';

/** How the module reaches the container: the checkout bind-mounted, or a copy in a volume of the engine. */
export type PlacedSources = { kind: 'mount' } | { kind: 'volume'; volume: string };

export interface PlaceInput {
  sync: SyncMode;
  workspaceRoot: string;
  /** Workspace-relative POSIX module dir ('' for the root). */
  moduleRoot: string;
  moduleDir: string;
}

export async function placeSources(
  o: PlaceInput,
  lease: { engine: DockerEngine; image: { tag: string } },
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

/** The source volume to mount instead of the checkout, if any. */
export const sourceVolumeOf = (s: PlacedSources): string | undefined => (s.kind === 'volume' ? s.volume : undefined);
