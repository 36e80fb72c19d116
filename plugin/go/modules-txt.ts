import { VendoredModule } from './types';
import { printable } from '../vocabulary/printable';

/**
 * Parses vendor/modules.txt as written by `go mod vendor`; `file` only names it
 * in error messages (`file:line: what`).
 */
export function parseModulesTxt(text: string, file: string): VendoredModule[] {
  const out: VendoredModule[] = [];
  let current: VendoredModule | undefined;
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);

  for (let idx = 0; idx < lines.length; idx++) {
    const raw = lines[idx].trim();
    if (raw === '') continue;
    const fail = (msg: string): never => {
      throw new Error(`${file}:${idx + 1}: ${msg}`);
    };

    if (raw.startsWith('## ')) {
      const entries = raw.slice(3).split(';').map((e) => e.trim()).filter(Boolean);
      if (!current) {
        // Workspace vendoring writes `## workspace` before the first module.
        if (entries.every((e) => e === 'workspace')) continue;
        return fail(`annotation "${printable(raw)}" comes before any "# module" line`);
      }
      if (entries.includes('explicit')) current.explicit = true;
      continue;
    }

    if (raw.startsWith('# ')) {
      const f = raw.slice(2).trim().split(/\s+/);
      let rest: string[];
      if (f.length >= 2 && isVersion(f[1])) {
        current = { path: f[0], version: f[1], explicit: false, packages: [] };
        rest = f.slice(2);
      } else if (f.length >= 2 && f[1] === '=>') {
        current = { path: f[0], version: '', explicit: false, packages: [] };
        rest = f.slice(1);
      } else {
        return fail(`malformed module line "${printable(raw)}"`);
      }
      if (rest.length > 0) {
        if (rest[0] !== '=>' || rest.length < 2 || rest.length > 3) fail(`malformed replacement in "${printable(raw)}"`);
        current.replacement = rest.length === 3 ? { path: rest[1], version: rest[2] } : { path: rest[1] };
      }
      out.push(current);
      continue;
    }

    if (raw.startsWith('#')) fail(`malformed comment line "${printable(raw)}"`);
    if (/\s/.test(raw)) fail(`malformed package line "${printable(raw)}"`);
    if (!current) return fail(`package "${printable(raw)}" comes before any "# module" line`);
    current.packages.push(raw);
  }
  return out;
}

function isVersion(v: string): boolean {
  return /^v[0-9]/.test(v);
}
