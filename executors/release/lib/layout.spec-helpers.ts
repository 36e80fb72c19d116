/** A module dir written from a `path → body` map for the layout specs; a body starting with `#!` is made executable. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TarEntry } from '../../shared/archive/tar';

export function moduleDir(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-layout-'));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body, { mode: body.startsWith('#!') ? 0o755 : 0o644 });
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `<type> <name>` of each entry, sorted: what a reader checks against release.sh. */
export const names = (entries: TarEntry[]): string[] => entries.map((e) => `${e.type} ${e.name}`).sort();
