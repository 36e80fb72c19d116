/**
 * The labels every container of a task carries, so the engine itself says
 * whose it is: which workspace, project, target and platform, and which
 * process on which host started it. A later task reads them to remove what a
 * killed one left behind, and never what a live one is still using. Pure.
 */
import type { Owner } from '../nx/owner';

export const LABEL = {
  workspace: 'io.nx-kube-build.workspace',
  project: 'io.nx-kube-build.project',
  target: 'io.nx-kube-build.target',
  platform: 'io.nx-kube-build.platform',
  /** The Nx task ids a batch container builds, comma-separated. */
  tasks: 'io.nx-kube-build.tasks',
  ownerHost: 'io.nx-kube-build.owner.host',
  ownerPid: 'io.nx-kube-build.owner.pid',
  ownerStart: 'io.nx-kube-build.owner.start',
} as const;

export interface TaskIdentity {
  workspaceRoot: string;
  /** Nx project, or the helper's role (src-sync, gomod). */
  project: string;
  target: string;
  /** os/arch, when the task has one. */
  platform?: string;
}

export function taskLabels(t: TaskIdentity, owner: Owner): Record<string, string> {
  return {
    [LABEL.workspace]: t.workspaceRoot,
    [LABEL.project]: t.project,
    [LABEL.target]: t.target,
    ...(t.platform ? { [LABEL.platform]: t.platform } : {}),
    [LABEL.ownerHost]: owner.host,
    [LABEL.ownerPid]: String(owner.pid),
    [LABEL.ownerStart]: owner.start,
  };
}

/** The labels of a container that builds several tasks at once: a task's, plus the ids of all it builds. */
export function batchLabels(t: TaskIdentity, taskIds: string[], owner: Owner): Record<string, string> {
  return { ...taskLabels(t, owner), [LABEL.tasks]: taskIds.join(',') };
}

/** The owner a container's labels name; undefined for one made before owners were labelled. */
export function labelledOwner(labels: Record<string, string> | undefined): Owner | undefined {
  const pid = Number(labels?.[LABEL.ownerPid]);
  const host = labels?.[LABEL.ownerHost];
  if (!host || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { host, pid, start: labels?.[LABEL.ownerStart] ?? '' };
}
