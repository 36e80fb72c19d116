import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { NxResult } from './nx';
import { REPO_ROOT } from './paths';

/**
 * The parent's npm_* variables (npm_config_local_prefix among them) would
 * point a child npm at this repo instead of the folder it runs in.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

// Jest gives each test file its own module registry; the pid is what the files of one in-band run share.
const PACK_PREFIX = 'nkb-pack-';
const packDir = path.join(os.tmpdir(), `${PACK_PREFIX}${process.pid}`);
let tarball: string | undefined;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Jest's sandboxed `process` never emits exit, so a run's tarball is removed by the next run instead. */
function removeStalePacks(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(PACK_PREFIX.length));
    if (!name.startsWith(PACK_PREFIX) || !Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

/** `npm pack` of the repo (dist/ is built before e2e runs), once per jest process; the tarball path. */
export function packOnce(): string {
  if (tarball && fs.existsSync(tarball)) return tarball;
  const existing = fs.existsSync(packDir) ? fs.readdirSync(packDir).filter((f) => f.endsWith('.tgz')) : [];
  if (existing.length === 1) {
    tarball = path.join(packDir, existing[0]);
    return tarball;
  }
  removeStalePacks();
  fs.mkdirSync(packDir, { recursive: true });
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir], REPO_ROOT)) as { filename: string }[];
  tarball = path.join(packDir, info.filename);
  return tarball;
}

/** Installs nx 24 and, unless `plugin` is false, the packed nx-kube-build, as a user would. */
export function installInto(dir: string, plugin = true): void {
  // The npm cache is warm after the first install: skip revalidating every package.
  run('npm', ['i', '-D', 'nx@24', ...(plugin ? [packOnce()] : []), '--no-audit', '--no-fund', '--prefer-offline'], dir);
}

/** The nx that `npx nx` runs in `dir`: its own node_modules/.bin/nx, daemon and cloud off. */
export function localNx(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): NxResult {
  const r = spawnSync(path.join(dir, 'node_modules', '.bin', 'nx'), args, {
    cwd: dir,
    encoding: 'utf8',
    // Nx shares its cache between checkouts of one repo; fixture repos made from the same
    // files are one repo to it, across runs too, so each keeps its own cache here.
    env: cleanEnv({
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      FORCE_COLOR: '0',
      CI: 'true',
      NX_CACHE_DIRECTORY: path.join(dir, '.nx', 'cache'),
      ...env,
    }),
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  return { code: r.status ?? 1, stdout, stderr, output: stdout + stderr };
}

/** localNx, failing the test with nx's own output when it exits non-zero. */
export function localNxOk(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): NxResult {
  const r = localNx(dir, args, env);
  if (r.code !== 0) throw new Error(`nx ${args.join(' ')} exited ${r.code}:\n${r.output}`);
  return r;
}
