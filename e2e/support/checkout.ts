import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { git } from './workspace';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** A temporary copy of a fixture that is its own git repo with one commit, as a user's checkout is. */
export function checkout(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nkb-${fixture}-`));
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'e2e@example.com');
  git(dir, 'config', 'user.name', 'e2e');
  commitAll(dir, fixture);
  return dir;
}

/** Non-empty trimmed lines, sorted. */
export const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
