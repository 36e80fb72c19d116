import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, SAMPLE } from './paths';

/** The plugin options the repo root uses for workspace/, minus the include filter. */
export function samplePluginOptions(): Record<string, unknown> {
  const nxJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'nx.json'), 'utf8'));
  const entry = nxJson.plugins.find((p: { plugin: string }) => p.plugin === 'nx-kube-build');
  return entry.options;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2024-05-01T12:00:00Z', GIT_COMMITTER_DATE: '2024-05-01T12:00:00Z' },
  }).trim();
}

/**
 * A temporary copy of workspace/ that is its own git repo and Nx workspace
 * with nx-kube-build registered, the module at its root.
 */
export function copySample(name: string, pluginOptions = samplePluginOptions()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nkb-${name}-`));
  fs.cpSync(SAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !/\/(_output|\.nx)(\/|$)/.test(src) });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'nx.json'), JSON.stringify({ plugins: [{ plugin: 'nx-kube-build', options: pluginOptions }] }, null, 2));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `sample-${name}`, private: true }, null, 2));
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'e2e@example.com');
  git(dir, 'config', 'user.name', 'e2e');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'sample');
  git(dir, 'tag', 'v1.31.0-alpha.0');
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir && dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true });
}
