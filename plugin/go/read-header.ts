import * as fs from 'fs';
import { HeaderCache } from './header-cache';
import { parseGoFileHeader } from './scan-file';
import { GoFileHeader } from './types';

export interface HeaderCounters {
  goFiles: number;
  headersParsed: number;
}

/**
 * The header of one .go file: from the cache when its mtime and size are
 * unchanged (a stat, no read), else read and parsed. Problems become a warning.
 */
export function loadHeader(
  abs: string,
  rel: string,
  cache: HeaderCache | undefined,
  counters: HeaderCounters,
  warnings: string[],
): GoFileHeader | undefined {
  counters.goFiles++;
  let st: fs.Stats | undefined;
  if (cache) {
    try {
      st = fs.statSync(abs);
    } catch (e) {
      warnings.push(`Cannot read ${rel}: ${(e as Error).message}.`);
      return undefined;
    }
    const hit = cache.get(rel, st.mtimeMs, st.size);
    if (hit) return hit;
  }
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    warnings.push(`Cannot read ${rel}: ${(e as Error).message}.`);
    return undefined;
  }
  counters.headersParsed++;
  let h: GoFileHeader;
  try {
    h = parseGoFileHeader(text);
  } catch (e) {
    warnings.push(`Cannot parse ${rel}: ${(e as Error).message}.`);
    return undefined;
  }
  if (h.packageName === '') warnings.push(`${rel} has no package clause.`);
  if (cache && st) cache.set(rel, st.mtimeMs, st.size, h);
  return h;
}
