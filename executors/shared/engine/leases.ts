/**
 * Coordination between the separate processes of one `nx run-many`: lock files
 * and per-engine leases, both created with O_EXCL and holding the owner's pid.
 * A file whose pid is no longer running is stale and ignored (then removed).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export type Alive = (pid: number) => boolean;

/** True while `pid` runs (EPERM: it runs as someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid written in a lock or lease file; undefined when unreadable or not yet written. */
export function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A file written between open and write has no pid yet; only an old empty one is stale. */
const EMPTY_GRACE_MS = 5000;

function isStale(file: string, alive: Alive, now: number): boolean {
  const pid = readPid(file);
  if (pid !== undefined) return !alive(pid);
  try {
    return now - fs.statSync(file).mtimeMs > EMPTY_GRACE_MS;
  } catch {
    return false; // already gone
  }
}

/** Creates `file` only if absent, with our pid in it. False when it exists. */
function createExclusive(file: string, pid: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, `${pid}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

export interface LockOptions {
  /** What the lock guards, for the timeout message. */
  what: string;
  /** Give up after this long while a live process holds it; default: wait as long as it lives. */
  timeoutMs?: number;
  pollMs?: number;
  alive?: Alive;
  pid?: number;
  /** Called once when another live process holds the lock, with its pid. */
  onWait?: (holder: number | undefined) => void;
  /** Stops waiting (rejects) when aborted. */
  signal?: AbortSignal;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding the lock file `file`; a stale lock (dead pid) is taken over. */
export async function withLock<T>(file: string, fn: () => Promise<T> | T, opts: LockOptions): Promise<T> {
  const alive = opts.alive ?? pidAlive;
  const pid = opts.pid ?? process.pid;
  const started = Date.now();
  let told = false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    if (createExclusive(file, pid)) break;
    if (isStale(file, alive, Date.now())) {
      // Take over by rename, so two waiters never both delete a fresh lock.
      const aside = `${file}.${pid}.${crypto.randomBytes(3).toString('hex')}.stale`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch {
        // Someone else took it over first.
      }
      continue;
    }
    if (!told) {
      told = true;
      opts.onWait?.(readPid(file));
    }
    if (opts.signal?.aborted) throw new Error(`Waiting for ${opts.what} was interrupted.`);
    if (opts.timeoutMs !== undefined && Date.now() - started > opts.timeoutMs) {
      throw new Error(
        `Waited ${Math.round(opts.timeoutMs / 1000)}s for ${opts.what}, held by pid ${readPid(file) ?? 'unknown'} (${file}): let that process finish, or delete the file if it is not running.`,
      );
    }
    await sleep(opts.pollMs ?? 100);
  }
  try {
    return await fn();
  } finally {
    if (readPid(file) === pid) fs.rmSync(file, { force: true });
  }
}

export interface Lease {
  file: string;
  release(): void;
}

/** A lease in `dir`: one file per running build, named so no two processes collide. */
export function takeLease(dir: string, pid = process.pid): Lease {
  fs.mkdirSync(dir, { recursive: true });
  for (;;) {
    const file = path.join(dir, `${pid}-${crypto.randomBytes(4).toString('hex')}.lease`);
    if (createExclusive(file, pid)) {
      let released = false;
      return {
        file,
        release: () => {
          if (released) return;
          released = true;
          fs.rmSync(file, { force: true });
        },
      };
    }
  }
}

/** Live leases in `dir`; stale ones (dead pid) are removed on the way. */
export function countLeases(dir: string, alive: Alive = pidAlive, now = Date.now()): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    if (!name.endsWith('.lease')) continue;
    const file = path.join(dir, name);
    if (isStale(file, alive, now)) {
      fs.rmSync(file, { force: true });
    } else {
      n++;
    }
  }
  return n;
}

/**
 * The least busy candidate; ties go to the earlier one, so an idle pool fills
 * in the order it was listed. Undefined for no candidates. Pure.
 */
export function leastBusy<T extends { busy: number }>(candidates: T[]): T | undefined {
  let best: T | undefined;
  for (const c of candidates) if (!best || c.busy < best.busy) best = c;
  return best;
}
