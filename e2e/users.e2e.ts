/**
 * Several users on one Docker Engine (a CI runner with several uids, or one
 * `sudo` run): root builds a binary, then a non-root user of the docker group
 * builds the same target in the same checkout, then root again. Each build
 * writes its own uid's Go cache, and the module-cache volume root filled is
 * read by the user.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { checkout, commitAll } from './support/checkout';
import { kubeBuildContainers } from './support/docker';
import { publishModule } from './support/goproxy';
import { NxResult } from './support/nx';
import { NX_BIN } from './support/paths';
import { removeDir, stagedNodeModules } from './support/workspace';

const USER = 'nkb-builder';
const SOCKET = '/var/run/docker.sock';
const GREET = 'example.test/greet';
const TARGET = ['run', 'hello:build:linux-amd64', '--output-style=static'];

const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

/** The test user, created (and put in the docker group) when missing; its uid, gid and home. */
function builder(): { uid: number; gid: number; home: string } {
  if (spawnSync('id', ['-u', USER]).status !== 0) sh('useradd', ['--create-home', '--groups', 'docker', USER]);
  else sh('usermod', ['--append', '--groups', 'docker', USER]);
  const [, , uid, gid, , home] = sh('getent', ['passwd', USER]).split(':');
  return { uid: Number(uid), gid: Number(gid), home };
}

/** The socket must let the docker group in, or the user's build would fail for a reason that is not this test's. */
function checkSocket(): void {
  const st = fs.statSync(SOCKET);
  const group = sh('getent', ['group', String(st.gid)]).split(':')[0];
  if (group !== 'docker' || (st.mode & 0o060) !== 0o060) {
    throw new Error(`${SOCKET} is group ${group}, mode ${(st.mode & 0o777).toString(8)}: this test needs it group docker and group-rw (chgrp docker ${SOCKET}; chmod g+rw ${SOCKET}).`);
  }
}

/** nx as `user` (runuser) or as this process, with the env CI uses. */
function nxAs(user: { name: string; home: string } | undefined, cwd: string, args: string[], env: NodeJS.ProcessEnv): NxResult {
  const argv = [process.execPath, NX_BIN, ...args];
  const [cmd, ...rest] = user ? ['runuser', '-u', user.name, '--', ...argv] : argv;
  const r = spawnSync(cmd, rest, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true', ...(user ? { HOME: user.home, USER: user.name } : {}), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  if (r.status !== 0) throw new Error(`nx ${args.join(' ')} as ${user?.name ?? 'root'} exited ${r.status}:\n${output}`);
  return { code: 0, stdout: r.stdout, stderr: r.stderr, output };
}

describe('several users on one Docker Engine', () => {
  let ws: string;
  let proxy: string;
  let env: NodeJS.ProcessEnv;
  let user: { name: string; uid: number; gid: number; home: string };
  const binary = () => path.join(ws, '_output/dockerized/bin/linux/amd64/hello');

  beforeAll(() => {
    if (process.getuid?.() !== 0) throw new Error(`e2e/users.e2e.ts runs as root (it creates the user ${USER} and runs nx as it); this is uid ${process.getuid?.()}: run it as root, as CI (.ci/run) does.`);
    checkSocket();
    user = { name: USER, ...builder() };
    // The user reads the staged package, the proxy and the checkout; the checkout is theirs.
    fs.chmodSync(path.dirname(stagedNodeModules()), 0o755);
    proxy = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-users-goproxy-'));
    fs.chmodSync(proxy, 0o755);
    publishModule(proxy, GREET, 'v1.1.0', {
      'go.mod': `module ${GREET}\n\ngo 1.19\n`,
      'greet.go': 'package greet\n\n// Hello greets who.\nfunc Hello(who string) string { return "greet v1.1.0 says " + who + " to every user" }\n',
    });
    env = { GOPROXY: `file://${proxy}`, GONOSUMDB: 'example.test' };
    ws = checkout('gomod-repo');
    fs.writeFileSync(path.join(ws, 'go.mod'), fs.readFileSync(path.join(ws, 'go.mod'), 'utf8').replace('v1.0.0', 'v1.1.0'));
    const modcache = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-users-modcache-'));
    const goEnv = { ...process.env, ...env, GOFLAGS: '-mod=mod', GOMODCACHE: modcache, GOSUMDB: 'off', GOTOOLCHAIN: 'local' };
    try {
      execFileSync('go', ['mod', 'tidy'], { cwd: ws, env: goEnv });
    } finally {
      execFileSync('go', ['clean', '-modcache'], { cwd: ws, env: goEnv });
      fs.rmSync(modcache, { recursive: true, force: true });
    }
    fs.symlinkSync(stagedNodeModules(), path.join(ws, 'node_modules'));
    fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify({ cacheDirectory: '.nx/cache', plugins: ['nx-kube-build'] }, null, 2));
    fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'users-repo', private: true }));
    fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
    commitAll(ws, 'go.sum and nx');
    // A checkout as git makes it (mode 0755), owned by the user.
    fs.chmodSync(ws, 0o755);
    sh('chown', ['-R', `${user.uid}:${user.gid}`, ws]);
  });

  afterAll(() => {
    if (process.env.KEEP) return;
    removeDir(ws);
    removeDir(proxy);
  });

  it('root, then a user of the docker group, then root again build the same target; each binary is its caller\'s', async () => {
    const owner = () => fs.statSync(binary()).uid;
    nxAs(undefined, ws, TARGET, env);
    expect(owner()).toBe(0);
    nxAs(user, ws, [...TARGET, '--skip-nx-cache'], env);
    expect(owner()).toBe(user.uid);
    expect(runBinary(binary(), [])).toBe('greet v1.1.0 says hello to every user');
    nxAs(undefined, ws, [...TARGET, '--skip-nx-cache'], env);
    expect(owner()).toBe(0);
    expect(await kubeBuildContainers(ws)).toEqual([]);
  });
});
