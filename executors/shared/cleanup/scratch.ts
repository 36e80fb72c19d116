/**
 * Scratch files a task writes beside what it publishes (the partial
 * `.kube-proxy.<nonce>.tmp` of a build, the `.batch.<nonce>.tmp/` dir of a
 * batch), recorded with their owner before they
 * exist, so that after a SIGKILL the next task can tell they are litter: a
 * record whose owner is gone names files nobody will ever rename or remove.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../../../plugin/cache';
import { executorStateDir } from '../nx/state-dir';
import { currentOwner, Owner, ownerAlive } from '../nx/owner';

interface ScratchRecord {
  owner: Owner;
  paths: string[];
}

export interface Scratch {
  /** Removes the files and their record; safe to call twice. */
  release(): void;
}

export const scratchDir = (workspaceRoot: string): string => path.join(executorStateDir(workspaceRoot), 'scratch');

/** Records `paths` as this process's scratch; call before creating them. */
export function trackScratch(workspaceRoot: string, paths: string[], owner: Owner = currentOwner()): Scratch {
  const dir = scratchDir(workspaceRoot);
  fs.mkdirSync(dir, { recursive: true });
  const record = path.join(dir, `${owner.pid}-${crypto.randomBytes(6).toString('hex')}.json`);
  writeFileAtomic(record, JSON.stringify({ owner, paths } satisfies ScratchRecord));
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      for (const p of paths) fs.rmSync(p, { recursive: true, force: true });
      fs.rmSync(record, { force: true });
    },
  };
}

function readRecord(file: string): ScratchRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as ScratchRecord;
    return r && typeof r.owner?.pid === 'number' && Array.isArray(r.paths) ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the scratch files of owners that are gone, and their records;
 * returns the files removed. An unreadable record is one a writer died
 * before renaming into place, so it names nothing (writes are atomic).
 */
export function reapScratch(workspaceRoot: string, alive: (o: Owner) => boolean = ownerAlive): string[] {
  const dir = scratchDir(workspaceRoot);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const record = readRecord(file);
    if (record && alive(record.owner)) continue;
    for (const p of record?.paths ?? []) {
      if (fs.existsSync(p)) removed.push(p);
      fs.rmSync(p, { recursive: true, force: true });
    }
    fs.rmSync(file, { force: true });
  }
  return removed;
}
