/**
 * The one lock of the executors (engine pool, image builds, source syncs,
 * module-cache fills, the apt cache) and the owner files it and the engine
 * leases are made of: `host pid start` (owner.ts) and a nonce naming this one
 * acquisition. A file whose owner is gone (pid dead, or reused: another start
 * time) is stale; a stale lock is broken and taken over.
 *
 * Why two processes never both hold a lock:
 * - Files are created whole and exclusively: written to a private temp name,
 *   then link()ed to their name, which fails when the name exists.
 * - A lock file is removed only by its owner (release) or by the one process
 *   holding the break claim `<lock>.<nonce>.break` of that very acquisition,
 *   itself such a file. The old way, renaming a stale lock aside, let a waiter
 *   that had seen it stale move the fresh lock of a faster waiter aside.
 * - The claim holder re-reads the lock before removing it. A fresh lock has
 *   another nonce and is left alone; the stale one cannot change in between,
 *   as its owner is dead and the claim is ours.
 * - A claim whose owner died is a stale file too, broken the same way.
 * Misjudging is only ever the safe way: an owner on another host, or with an
 * unknown start time and a running pid, counts as alive.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Liveness, Owner, currentOwner, formatOwner, ownerAlive, parseOwner, pidAlive, processStart, startedAt } from './owner';

export type Alive = (pid: number) => boolean;

/** What a lock, claim or lease file says; `owner` is undefined when unreadable. */
export interface OwnedFile {
  owner?: Owner;
  /** Names the acquisition: the nonce; for a file without one (older or unreadable), its inode and mtime. */
  id: string;
  mtimeMs: number;
}

export const newNonce = (): string => crypto.randomBytes(8).toString('hex');

export const ownedFileText = (owner: Owner, nonce: string): string => `${formatOwner(owner)}\n${nonce}\n`;

/** The file's owner and id; undefined when it does not exist. */
export function readOwnedFile(file: string): OwnedFile | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    const [first = '', nonce = ''] = fs.readFileSync(fd, 'utf8').split('\n');
    return { owner: parseOwner(first), id: nonce.trim() || `ino-${st.ino}-${st.mtimeMs}`, mtimeMs: st.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // Not a wait that could ever end (a lock we may not read still exists).
    throw new Error(`Cannot read the lock file ${file} (${code ?? (e as Error).message}): make it a readable file, or delete it if no build is running.`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** An unreadable file (none of ours: they are written whole) is stale once it is this old. */
const UNREADABLE_GRACE_MS = 5000;

export const liveness = (alive: Alive = pidAlive): Liveness => ({ host: os.hostname(), alive, start: processStart });

export function isStale(f: OwnedFile, here: Liveness, now = Date.now()): boolean {
  if (!f.owner) return now - f.mtimeMs > UNREADABLE_GRACE_MS;
  return !ownerAlive(f.owner, here);
}

/** Creates `file` holding `text` if it is absent, never half-written. False when it exists. */
export function createExclusive(file: string, text: string): boolean {
  const tmp = `${file}.${newNonce()}.tmp`;
  fs.writeFileSync(tmp, text, { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  // No hard links on this filesystem: O_EXCL, and a reader may see it empty for a moment (the grace above).
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export type LockStep = 'stale' | 'claimed';

export interface LockOptions {
  /** What the lock guards, for the timeout message. */
  what: string;
  /** Give up after this long while a live process holds it. */
  timeoutMs: number;
  pollMs?: number;
  alive?: Alive;
  /** Who takes it; default: this process. */
  owner?: Owner;
  /** Called once when another live process holds the lock, with its pid. */
  onWait?: (holder: number | undefined) => void;
  /** Stops waiting (rejects) when aborted. */
  signal?: AbortSignal;
  /** Specs: awaited at each step of a takeover, to drive an interleaving. */
  step?: (step: LockStep, file: string) => Promise<void> | void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding the lock file `file`; a stale lock is taken over. */
export async function withLock<T>(file: string, fn: () => Promise<T> | T, opts: LockOptions): Promise<T> {
  const nonce = newNonce();
  await acquire(file, ownedFileText(opts.owner ?? currentOwner(), nonce), opts);
  try {
    return await fn();
  } finally {
    // Only ours: nobody else removes or replaces a lock whose owner is alive.
    if (readOwnedFile(file)?.id === nonce) fs.rmSync(file, { force: true });
  }
}

async function acquire(file: string, text: string, opts: LockOptions): Promise<void> {
  const here = liveness(opts.alive);
  const started = Date.now();
  let told = false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    if (createExclusive(file, text)) return sweep(file, here);
    const held = readOwnedFile(file);
    if (!held) continue; // released in between
    if (isStale(held, here)) {
      await opts.step?.('stale', file);
      if (await breakStale(file, held, text, here, opts)) continue;
    } else if (!told) {
      told = true;
      opts.onWait?.(held.owner?.pid);
    }
    if (opts.signal?.aborted) throw new Error(`Waiting for ${opts.what} was interrupted.`);
    if (Date.now() - started > opts.timeoutMs) throw new Error(timeoutMessage(file, opts, held));
    await sleep(opts.pollMs ?? 100);
  }
}

/**
 * A process killed between two steps leaves its temp or claim file beside the
 * lock; it goes with its owner. Safe to remove without a claim: a temp is no
 * lock, and a claim names an acquisition that is over once we hold the lock.
 */
function sweep(file: string, here: Liveness): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !/\.(tmp|break)$/.test(name)) continue;
    const left = readOwnedFile(path.join(dir, name));
    if (left && isStale(left, here)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Removes `file` if it still is the stale acquisition `stale`, holding its
 * break claim. False while another live process holds that claim.
 */
async function breakStale(file: string, stale: OwnedFile, text: string, here: Liveness, opts: LockOptions): Promise<boolean> {
  const claim = `${file}.${stale.id.replace(/[^\w-]/g, '_')}.break`;
  if (!createExclusive(claim, text)) {
    const other = readOwnedFile(claim);
    if (!other) return true;
    return isStale(other, here) && breakStale(claim, other, text, here, opts);
  }
  try {
    await opts.step?.('claimed', file);
    if (readOwnedFile(file)?.id === stale.id) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(claim, { force: true });
  }
  return true;
}

export function timeoutMessage(file: string, opts: LockOptions, held: OwnedFile): string {
  const ms = opts.timeoutMs;
  const waited = ms < 120_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 60_000)} min`;
  return `Waited ${waited} for ${opts.what} (lock file ${file}), held by ${holderText(held)}: let that process finish, or delete ${file} if that process is not running.`;
}

/** `pid 4242 on host ci-1, started 2026-12-01 15:02:11 UTC` (the start as ticks when not of this host). */
export function holderText(held: OwnedFile): string {
  const o = held.owner;
  if (!o) return 'an unknown process (the file is unreadable)';
  const at = startedAt(o);
  const start = at ? `, started ${at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : o.start ? `, start ${o.start} (clock ticks after its boot)` : '';
  return `pid ${o.pid} on host ${o.host}${start}`;
}
