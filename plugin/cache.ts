import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Where Nx keeps workspace data; the plugin's caches live beside the graph's. */
export function workspaceDataDir(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.NX_WORKSPACE_DATA_DIRECTORY ?? env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  return dir ? path.resolve(workspaceRoot, dir) : path.join(workspaceRoot, '.nx', 'workspace-data');
}

export function hashOf(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : JSON.stringify(p) ?? 'undefined').update('\0');
  return h.digest('hex');
}

/**
 * A small hash-keyed results file: read once, written back only when it
 * changed. Entries not touched by this run are dropped on write, so the file
 * holds what the current tree needs and no more.
 */
export class ResultsCache<T> {
  private entries: Record<string, T> = {};
  private used = new Set<string>();
  private dirty = false;

  constructor(private readonly file: string) {
    try {
      this.entries = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      this.entries = {};
    }
  }

  get(key: string): T | undefined {
    const v = this.entries[key];
    if (v !== undefined) this.used.add(key);
    return v;
  }

  set(key: string, value: T): void {
    this.entries[key] = value;
    this.used.add(key);
    this.dirty = true;
  }

  write(): void {
    const keep: Record<string, T> = {};
    for (const k of this.used) keep[k] = this.entries[k];
    if (!this.dirty && Object.keys(keep).length === Object.keys(this.entries).length) return;
    writeFileAtomic(this.file, JSON.stringify(keep));
    this.entries = keep;
    this.dirty = false;
  }
}

/** Write to a temp name and rename, so a reader never sees half a file. */
export function writeFileAtomic(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
