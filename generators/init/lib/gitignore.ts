import { Tree } from '@nx/devkit';
import ignore from 'ignore';

/** Build output, Nx's cache and the npm packages nx needs: never committed. */
export const IGNORED = ['_output/', '.nx/', 'node_modules/'];

/** `_output`, `/_output/` and `_output/` all ignore the same folder for our purpose. */
const key = (line: string): string => line.trim().replace(/^\//, '').replace(/\/$/, '');

/** Adds the missing entries to the root .gitignore, creating it; true when it changed. */
export function ensureGitignore(tree: Tree, entries: string[] = IGNORED): boolean {
  const text = tree.exists('.gitignore') ? (tree.read('.gitignore', 'utf-8') ?? '') : '';
  const have = new Set(text.split(/\r?\n/).map(key));
  const missing = entries.filter((e) => !have.has(key(e)));
  if (missing.length === 0 && tree.exists('.gitignore')) return false;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  tree.write('.gitignore', `${text}${sep}${missing.map((e) => `${e}\n`).join('')}`);
  return true;
}

/**
 * The .gitignore line that keeps `file` (workspace-relative) out of git, as
 * `<.gitignore path>:<line>: <rule>`, or undefined when git would track it.
 * Nx hashes only files git does not ignore, so an ignored build image
 * definition would be neither committed nor an input.
 */
export function ignoringRule(tree: Tree, file: string): string | undefined {
  const parts = file.split('/');
  let found: string | undefined;
  // Each .gitignore from the root down to the file's dir; a later (deeper) match wins, as in git.
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const at = dir ? `${dir}/.gitignore` : '.gitignore';
    if (!tree.exists(at)) continue;
    const lines = (tree.read(at, 'utf-8') ?? '').split(/\r?\n/);
    const rel = parts.slice(depth);
    // A file below an ignored dir is ignored too: test the dirs on the way, then the file.
    for (let k = 1; k <= rel.length; k++) {
      const candidate = rel.slice(0, k).join('/') + (k < rel.length ? '/' : '');
      const hit = lastMatchingLine(lines, candidate);
      if (hit !== undefined) found = hit.negated ? undefined : `${at}:${hit.line + 1}: ${lines[hit.line].trim()}`;
    }
  }
  return found;
}

function lastMatchingLine(lines: string[], candidate: string): { line: number; negated: boolean } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const rule = lines[i].trim();
    if (rule === '' || rule.startsWith('#')) continue;
    const negated = rule.startsWith('!');
    const ig = ignore().add(negated ? rule.slice(1) : rule);
    if (ig.ignores(candidate)) return { line: i, negated };
  }
  return undefined;
}
