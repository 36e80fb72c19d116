/**
 * What a module's tree holds, as path → content digest, and what changed
 * between two such listings. Sent to an engine that cannot see this machine.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One file of the tree: its digest, and the stat facts that let an unchanged file skip re-hashing. */
export interface FileState {
  /** `f644:<sha256>` / `f755:<sha256>` for files, `l:<target>` for symlinks. */
  digest: string;
  size: number;
  mtimeMs: number;
}

export type Manifest = Record<string, FileState>;

/** Never sent: version control, Nx and node state, and the module's build output. */
export const SYNC_SKIPPED_ANYWHERE = ['.git', '.nx', 'node_modules'];
export const SYNC_SKIPPED_AT_ROOT = ['_output'];

export interface ManifestDiff {
  /** New or different, sorted. */
  changed: string[];
  /** Listed before, gone now, sorted. */
  removed: string[];
}

/** Compares two listings by digest. Pure. */
export function diffManifests(previous: Record<string, { digest: string }>, next: Record<string, { digest: string }>): ManifestDiff {
  const changed = Object.keys(next)
    .filter((p) => previous[p]?.digest !== next[p].digest)
    .sort();
  const removed = Object.keys(previous)
    .filter((p) => !(p in next))
    .sort();
  return { changed, removed };
}

const sha256File = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The tree under `root` (POSIX paths relative to it, sorted). A file whose size
 * and mtime match `previous` keeps its digest without being read again.
 * Symlinks are listed as links, never followed, as a bind mount shows them.
 */
export function scanTree(root: string, previous: Manifest = {}): Manifest {
  const out: Manifest = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (SYNC_SKIPPED_ANYWHERE.includes(name) || (rel === '' && SYNC_SKIPPED_AT_ROOT.includes(name))) continue;
      const full = path.join(dir, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let st: fs.Stats;
      try {
        st = fs.lstatSync(full);
      } catch {
        continue; // removed while walking
      }
      if (st.isDirectory()) {
        walk(full, childRel);
      } else if (st.isSymbolicLink()) {
        out[childRel] = { digest: `l:${fs.readlinkSync(full)}`, size: 0, mtimeMs: 0 };
      } else if (st.isFile()) {
        const prev = previous[childRel];
        const mode = st.mode & 0o111 ? 'f755' : 'f644';
        if (prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs && prev.digest.startsWith(`${mode}:`)) {
          out[childRel] = prev;
        } else {
          out[childRel] = { digest: `${mode}:${sha256File(full)}`, size: st.size, mtimeMs: st.mtimeMs };
        }
      }
    }
  };
  walk(root, '');
  return out;
}

/** The state kept per engine: for each source volume, the token last written into it and what it holds. */
export interface SyncState {
  version: 1;
  volumes: Record<string, { token: string; files: Manifest }>;
}

export function readSyncState(file: string): SyncState {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as SyncState;
    if (s && s.version === 1 && s.volumes && typeof s.volumes === 'object') return s;
  } catch {
    // Missing or unreadable: everything is sent again.
  }
  return { version: 1, volumes: {} };
}

export interface SyncPlan {
  /** Start from an empty volume and send everything. */
  fresh: boolean;
  /** Paths to send. */
  send: string[];
  /** Paths that were removed (the reason for a fresh volume). */
  removed: string[];
}

/**
 * What to send: only the changed paths, unless the volume is not the one the
 * state describes (token mismatch) or files were removed, which no archive
 * upload can express: then a fresh volume with everything. Pure.
 */
export function planSync(
  known: { token: string; files: Manifest } | undefined,
  volumeToken: string | undefined,
  next: Manifest,
): SyncPlan {
  const all = Object.keys(next).sort();
  if (!known || !volumeToken || known.token !== volumeToken) return { fresh: true, send: all, removed: [] };
  const { changed, removed } = diffManifests(known.files, next);
  if (removed.length > 0) return { fresh: true, send: all, removed };
  return { fresh: false, send: changed, removed: [] };
}
