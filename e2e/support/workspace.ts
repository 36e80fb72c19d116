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

let staged: string | undefined;

/**
 * node_modules as an install would lay it out: the repo's packages linked in,
 * and nx-kube-build as a real copy of what `npm pack` ships. Nx treats a plugin
 * outside node_modules as a local TypeScript plugin, so a link to the repo
 * would not exercise the compiled package.
 */
export function stagedNodeModules(): string {
  if (staged) return staged;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-pkg-'));
  const nm = path.join(root, 'node_modules');
  fs.mkdirSync(nm);
  const repoNm = path.join(REPO_ROOT, 'node_modules');
  for (const e of fs.readdirSync(repoNm)) {
    if (e === 'nx-kube-build' || e === '.bin') continue;
    fs.symlinkSync(path.join(repoNm, e), path.join(nm, e));
  }
  const pkg = path.join(nm, 'nx-kube-build');
  fs.mkdirSync(pkg);
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(pkg, 'package.json'));
  for (const f of ['executors.json', 'generators.json', 'dist']) fs.cpSync(path.join(REPO_ROOT, f), path.join(pkg, f), { recursive: true });
  for (const kind of ['executors', 'generators']) {
    for (const name of fs.readdirSync(path.join(REPO_ROOT, kind))) {
      const schema = path.join(REPO_ROOT, kind, name, 'schema.json');
      if (fs.existsSync(schema)) fs.cpSync(schema, path.join(pkg, kind, name, 'schema.json'));
      const files = path.join(REPO_ROOT, kind, name, 'files');
      if (fs.existsSync(files)) fs.cpSync(files, path.join(pkg, kind, name, 'files'), { recursive: true });
    }
  }
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  staged = nm;
  return nm;
}

/**
 * A temporary copy of workspace/ that is its own git repo and Nx workspace
 * with nx-kube-build registered, the module at its root; in `parent` (a dir
 * under the temp dir) when given.
 */
export function copySample(name: string, pluginOptions = samplePluginOptions(), parent = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, `nkb-${name}-`));
  fs.cpSync(SAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !/\/(_output|\.nx)(\/|$)/.test(src) });
  fs.symlinkSync(stagedNodeModules(), path.join(dir, 'node_modules'));
  // Nx shares one cache between checkouts of a repo by default; every copy here
  // is a checkout of the same commit, so each keeps its own cache to stay independent.
  const nxJson = { cacheDirectory: '.nx/cache', plugins: [{ plugin: 'nx-kube-build', options: pluginOptions }] };
  fs.writeFileSync(path.join(dir, 'nx.json'), JSON.stringify(nxJson, null, 2));
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
