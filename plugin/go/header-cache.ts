import { GoFileHeader } from './types';

/** Parsed headers keyed by workspace-relative file, valid while mtime and size are unchanged. */
export interface HeaderCache {
  get(file: string, mtimeMs: number, size: number): GoFileHeader | undefined;
  set(file: string, mtimeMs: number, size: number, h: GoFileHeader): void;
}

export interface HeaderCacheJSON {
  version: number;
  entries: Record<string, [mtimeMs: number, size: number, header: GoFileHeader]>;
}

/** Bumped whenever GoFileHeader or the scanner changes, so old caches on disk are dropped. */
export const HEADER_CACHE_VERSION = 1;

export class MapHeaderCache implements HeaderCache {
  private readonly entries = new Map<string, [number, number, GoFileHeader]>();
  private readonly touched = new Set<string>();
  private dirty = false;

  get(file: string, mtimeMs: number, size: number): GoFileHeader | undefined {
    const e = this.entries.get(file);
    if (!e || e[0] !== mtimeMs || e[1] !== size) return undefined;
    this.touched.add(file);
    return e[2];
  }

  set(file: string, mtimeMs: number, size: number, h: GoFileHeader): void {
    this.entries.set(file, [mtimeMs, size, h]);
    this.touched.add(file);
    this.dirty = true;
  }

  /** True when entries were added or dropped since creation: only then is saving worth it. */
  get changed(): boolean {
    return this.dirty;
  }

  /** After a save: later calls report only what changed since. */
  markSaved(): void {
    this.dirty = false;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops entries not read or written since the last prune (files that are gone). */
  prune(): void {
    for (const file of this.entries.keys()) {
      if (!this.touched.has(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    this.touched.clear();
  }

  toJSON(): HeaderCacheJSON {
    const entries: HeaderCacheJSON['entries'] = {};
    for (const [file, e] of this.entries) entries[file] = e;
    return { version: HEADER_CACHE_VERSION, entries };
  }

  /** Anything that is not a cache of the current version gives an empty cache. */
  static fromJSON(data: unknown): MapHeaderCache {
    const cache = new MapHeaderCache();
    if (!data || typeof data !== 'object') return cache;
    const d = data as Partial<HeaderCacheJSON>;
    if (d.version !== HEADER_CACHE_VERSION || !d.entries || typeof d.entries !== 'object') return cache;
    for (const [file, e] of Object.entries(d.entries)) {
      if (Array.isArray(e) && e.length === 3 && typeof e[0] === 'number' && typeof e[1] === 'number' && isHeader(e[2])) {
        cache.entries.set(file, [e[0], e[1], e[2]]);
      }
    }
    return cache;
  }
}

function isHeader(h: unknown): h is GoFileHeader {
  const x = h as GoFileHeader;
  return !!x && typeof x.packageName === 'string' && Array.isArray(x.imports) && Array.isArray(x.embeds);
}
