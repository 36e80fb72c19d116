/**
 * What a killed task left behind, removed by the next task of the same
 * workspace (and by `nx-kube-build clean`): containers whose owning process is
 * gone, then the scratch files they or it were writing. Containers first, so
 * nothing still writes a file once it is removed. A live owner's container is
 * never touched: two runs of one task build side by side.
 */
import type { ContainerSummary, DockerEngine } from '../engine/docker';
import { LABEL, labelledOwner } from '../container/labels';
import { Owner, ownerAlive } from '../nx/owner';
import { reapScratch } from './scratch';

export interface Reaped {
  containers: string[];
  files: string[];
}

/** Whether a container of this workspace is litter: its owner is gone, or it predates owner labels and is not running. Pure. */
export function isOrphan(c: Pick<ContainerSummary, 'state' | 'labels'>, alive: (o: Owner) => boolean = ownerAlive): boolean {
  const owner = labelledOwner(c.labels);
  if (!owner) return c.state !== 'running';
  return !alive(owner);
}

export async function reapOrphans(
  engine: Pick<DockerEngine, 'listContainers' | 'removeContainer'>,
  workspaceRoot: string,
  alive: (o: Owner) => boolean = ownerAlive,
): Promise<Reaped> {
  const containers: string[] = [];
  for (const c of await engine.listContainers({ [LABEL.workspace]: workspaceRoot })) {
    if (!isOrphan(c, alive)) continue;
    await engine.removeContainer(c.id);
    containers.push(c.name);
  }
  return { containers, files: reapScratch(workspaceRoot, alive) };
}

/** One line for the log, or undefined when nothing was left behind. Pure. */
export function reapedLine(r: Reaped): string | undefined {
  if (r.containers.length === 0 && r.files.length === 0) return undefined;
  const parts = [
    ...(r.containers.length ? [`${r.containers.length} container(s) (${r.containers.join(', ')})`] : []),
    ...(r.files.length ? [`${r.files.length} partial file(s) (${r.files.join(', ')})`] : []),
  ];
  return `Removed what an interrupted run left behind: ${parts.join(' and ')}`;
}
