import * as fs from 'fs';
import * as path from 'path';

/** The two go.mod facts the executors need: the module path and the `go` directive. */
export interface GoModFacts {
  modulePath: string;
  goVersion?: string;
}

export function parseGoModFacts(text: string): GoModFacts {
  let modulePath = '';
  let goVersion: string | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\/\/.*$/, '').trim();
    const mod = /^module\s+"?([^\s"]+)"?$/.exec(line);
    if (mod) modulePath = mod[1];
    const go = /^go\s+(\d+(?:\.\d+){0,2}(?:[a-z]+\d*)?)$/.exec(line);
    if (go) goVersion = go[1];
  }
  return { modulePath, goVersion };
}

export function readGoModFacts(moduleDir: string): GoModFacts {
  const file = path.join(moduleDir, 'go.mod');
  return parseGoModFacts(fs.readFileSync(file, 'utf8'));
}

/** "go1.19.8" / "1.21" / "1.21rc2" → [1, 19, 8] (pre-releases compare as their release). */
export function goVersionParts(v: string): number[] {
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  if (!m) return [];
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** True when toolchain version `have` is at least `need`. */
export function goVersionAtLeast(have: string, need: string): boolean {
  const a = goVersionParts(have);
  const b = goVersionParts(need);
  if (a.length === 0 || b.length === 0) return true;
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}
