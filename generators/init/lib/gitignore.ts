import { Tree } from '@nx/devkit';

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
