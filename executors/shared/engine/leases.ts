/**
 * Per-engine leases between the separate processes of one `nx run-many`: one
 * owner file (nx/lock.ts) per running build, so a lease is stale by the same
 * rule as a lock: its owner is gone (pid dead, or reused: another start time).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Alive, createExclusive, isStale, liveness, newNonce, ownedFileText, readOwnedFile } from '../nx/lock';
import { Owner, currentOwner } from '../nx/owner';

export interface Lease {
  file: string;
  release(): void;
}

/** A lease in `dir`: one file per running build, named so no two processes collide. */
export function takeLease(dir: string, owner: Owner = currentOwner()): Lease {
  fs.mkdirSync(dir, { recursive: true });
  for (;;) {
    const nonce = newNonce();
    const file = path.join(dir, `${owner.pid}-${nonce}.lease`);
    if (createExclusive(file, ownedFileText(owner, nonce))) {
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

/**
 * Live leases in `dir`; stale ones are removed on the way, which is safe without
 * a claim: a lease's name is its own, never taken again.
 */
export function countLeases(dir: string, alive?: Alive, now = Date.now()): number {
  const here = liveness(alive);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    // A temp file of a lease (`….lease.<nonce>.tmp`) goes with its owner, like a lease.
    if (name.includes('.lease.') && name.endsWith('.tmp')) {
      const left = readOwnedFile(path.join(dir, name));
      if (left && isStale(left, here, now)) fs.rmSync(path.join(dir, name), { force: true });
    }
    if (!name.endsWith('.lease')) continue;
    const file = path.join(dir, name);
    const lease = readOwnedFile(file);
    if (!lease) continue; // released in between
    if (isStale(lease, here, now)) {
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
