/** What inference keeps out: the `exclude` option's globs and the workspace's .nxignore. */
import * as fs from 'fs';
import ignore from 'ignore';
import { minimatch } from 'minimatch';
import * as path from 'path';
import type { SkipPath } from './go/walk';

export function skipPredicate(workspaceRoot: string, exclude: readonly string[]): { skip: SkipPath; fingerprint: string } {
  let nxignore = '';
  try {
    nxignore = fs.readFileSync(path.join(workspaceRoot, '.nxignore'), 'utf8');
  } catch {
    // No .nxignore: nothing ignored by it.
  }
  const ig = ignore().add(nxignore);
  const globs = exclude.filter(Boolean);
  if (globs.length === 0 && nxignore.trim() === '') return { skip: () => false, fingerprint: '' };
  const skip: SkipPath = (rel) =>
    rel !== '' && (ig.ignores(`${rel}/`) || globs.some((g) => minimatch(rel, g, { dot: true }) || minimatch(`${rel}/`, g, { dot: true })));
  return { skip, fingerprint: JSON.stringify([nxignore, globs]) };
}
