/**
 * Copies a module's sources into a volume of an engine that cannot see this
 * machine, through the Engine API: a created (never started) helper container
 * mounts the volume and receives a tar of the files that changed since the last
 * sync. The kube-build image has no shell or tar, and needs none for this.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar-stream';
import { writeFileAtomic } from '../../../plugin/cache';
import { containerSpec } from '../container/spec';
import { DockerEngine } from '../engine/docker';
import { engineKey } from '../engine/engines';
import { goContainerName } from '../container/go-container';
import { taskLabels } from '../container/labels';
import { withLock } from '../nx/lock';
import { currentOwner } from '../nx/owner';
import { workspaceHash } from '../module/paths';
import { Manifest, SyncPlan, planSync, readSyncState, scanTree } from './manifest';

/** Written last into the volume; its token says which synced state the volume holds. */
export const SYNC_STAMP = '.nx-kube-build-sync';
const HELPER_MOUNT = '/src';

/** `kube-build-src-<wsHash>` for a module at the workspace root, with a suffix for other modules. */
export function sourceVolumeName(workspaceRoot: string, moduleRoot: string): string {
  const base = `kube-build-src-${workspaceHash(workspaceRoot)}`;
  return moduleRoot ? `${base}-${crypto.createHash('sha256').update(moduleRoot).digest('hex').slice(0, 8)}` : base;
}

/** The per-engine state file: `<stateDir>/sync-<engine-id>.json`. */
export function syncStateFile(stateDir: string, engineId: string): string {
  return path.join(stateDir, `sync-${engineKey(engineId)}.json`);
}

type EntryHeader = Parameters<tar.Pack['entry']>[0];

/** Tar of `paths` (with their parent directories) and the stamp, as the volume should hold them. */
export function packSources(moduleDir: string, paths: string[], files: Manifest, token: string): tar.Pack {
  const pack = tar.pack();
  (async () => {
    const dirs = new Set<string>();
    const add = (header: EntryHeader, body?: string | Buffer): Promise<void> =>
      new Promise((resolve, reject) => {
        const done = (e?: Error | null): void => (e ? reject(e) : resolve());
        const h = { ...header, uid: 0, gid: 0 };
        if (body === undefined) pack.entry(h, done);
        else pack.entry(h, body, done);
      });
    for (const rel of paths) {
      const parts = rel.split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (dirs.has(d)) continue;
        dirs.add(d);
        await add({ name: d, type: 'directory', mode: 0o755 });
      }
      const state = files[rel];
      const full = path.join(moduleDir, rel);
      if (state.digest.startsWith('l:')) {
        await add({ name: rel, type: 'symlink', linkname: state.digest.slice(2), mode: 0o777 });
        continue;
      }
      const mode = state.digest.startsWith('f755:') ? 0o755 : 0o644;
      // Read now: a file rewritten since the scan is sent as it is, and its stale digest resends it next time.
      const body = fs.readFileSync(full);
      await add({ name: rel, type: 'file', mode, size: body.length, mtime: new Date(state.mtimeMs) }, body);
    }
    await add({ name: SYNC_STAMP, type: 'file', mode: 0o644 }, `${token}\n`);
    pack.finalize();
  })().catch((e) => pack.destroy(e));
  return pack;
}

export interface SyncInput {
  engine: DockerEngine;
  workspaceRoot: string;
  /** Workspace-relative POSIX module dir ('' for the root). */
  moduleRoot: string;
  moduleDir: string;
  /** The kube-build image: the helper container is created from it, never started. */
  image: string;
  /** <workspace data dir>/nx-kube-build */
  stateDir: string;
  log: (line: string) => void;
}

export interface SyncResult {
  volume: string;
  plan: SyncPlan;
}

function why(plan: SyncPlan, hadState: boolean): string {
  if (plan.removed.length > 0) return `${plan.removed.length} file(s) were removed, e.g. ${plan.removed[0]}`;
  return hadState ? 'the volume is not the one last synced' : 'first sync to this engine';
}

/** Sending a whole module (Kubernetes: hundreds of MB) to a remote engine takes minutes; a waiter gives up after this. */
const SYNC_LOCK_TIMEOUT_MS = 15 * 60_000;

/**
 * Brings the engine's source volume up to date with `moduleDir`. Holds a lock
 * per engine so parallel builds of one workspace sync once and then find
 * nothing to send.
 */
export async function syncSources(i: SyncInput): Promise<SyncResult> {
  const stateFile = syncStateFile(i.stateDir, await i.engine.engineId());
  return withLock(stateFile.replace(/\.json$/, '.lock'), () => syncLocked(i, stateFile), {
    what: `the source sync lock of ${i.engine.url}`,
    timeoutMs: SYNC_LOCK_TIMEOUT_MS,
    onWait: (pid) => i.log(`Waiting for pid ${pid ?? 'unknown'} to finish syncing sources to ${i.engine.url}`),
  });
}

async function syncLocked(i: SyncInput, stateFile: string): Promise<SyncResult> {
  const { engine } = i;
  const state = readSyncState(stateFile);
  const volume = sourceVolumeName(i.workspaceRoot, i.moduleRoot);
  const known = state.volumes[volume];
  const next = scanTree(i.moduleDir, known?.files);
  const helper = goContainerName(i.workspaceRoot, 'src-sync', volume.slice(-8));
  const spec = containerSpec({
    name: helper,
    image: i.image,
    cmd: ['go', 'version'],
    workingDir: '/',
    env: {},
    mounts: [{ type: 'volume', source: volume, target: HELPER_MOUNT, readOnly: false }],
    network: 'none',
    labels: taskLabels({ workspaceRoot: i.workspaceRoot, project: 'src-sync', target: 'sync' }, currentOwner()),
  });
  const existed = await engine.volumeExists(volume);
  try {
    await engine.ensureVolume(volume);
    await engine.createStopped(spec);
    const stamp = existed ? await engine.readContainerFile(helper, `${HELPER_MOUNT}/${SYNC_STAMP}`) : undefined;
    const plan = planSync(known, stamp?.toString('utf8').trim(), next);
    if (plan.fresh && existed) {
      await engine.removeContainer(helper);
      try {
        await engine.removeVolume(volume);
      } catch (e) {
        throw new Error(
          `Cannot replace source volume ${volume} on ${engine.url} (${(e as Error).message.trim()}): wait for the builds using it to finish, then rerun.`,
        );
      }
      await engine.ensureVolume(volume);
      await engine.createStopped(spec);
    }
    let token = known?.token ?? '';
    if (plan.fresh || plan.send.length > 0) {
      token = crypto.randomBytes(12).toString('hex');
      await engine.putArchive(helper, HELPER_MOUNT, packSources(i.moduleDir, plan.send, next, token));
    }
    state.volumes[volume] = { token, files: next };
    writeFileAtomic(stateFile, JSON.stringify(state));
    const fresh = plan.fresh ? ` into a fresh volume (${why(plan, known !== undefined)})` : '';
    i.log(`synced ${plan.send.length} changed file(s) to volume ${volume} on ${engine.url}${fresh}`);
    return { volume, plan };
  } finally {
    await engine.removeContainer(helper);
  }
}
