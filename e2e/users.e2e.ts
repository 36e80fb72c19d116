/**
 * Several uids on one Docker Engine (a CI runner whose jobs run as different
 * uids): root builds a binary in its checkout, then a non-root user of the
 * docker group builds the same target in their checkout of the same commit,
 * then root again; each compiles something new, so each writes the Go cache.
 * The module-cache volume root filled is read by the user. (One checkout
 * shared by uids is not a case: Nx itself fails on the .nx/ another uid wrote.)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkout, commitAll } from './support/checkout';
import { containerPrefix, kubeBuildContainers, nowSeconds, volumesMountedAt } from './support/docker';
import { publishModule } from './support/goproxy';
import { NxResult } from './support/nx';
import { causeLine } from './support/sample';
import { NX_BIN } from './support/paths';
import { removeDir, stagedNodeModules } from './support/workspace';

const USER = 'nkb-builder';
const SOCKET = '/var/run/docker.sock';
const GREET = 'example.test/greet';
// No fmt: a uid's first build compiles little more than the runtime.
const TARGET = ['run', 'tiny:build:linux-amd64', '--output-style=static'];
const TINY = 'package main\n\nimport "example.test/greet"\n\nfunc main() { println(greet.Hello("tiny")) }\n';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

/** The test user, created (and put in the docker group) when missing; its uid, gid, home and whether this test made it. */
function builder(): { uid: number; gid: number; home: string; created: boolean } {
  const created = spawnSync('id', ['-u', USER]).status !== 0;
  if (created) sh('useradd', ['--create-home', '--groups', 'docker', USER]);
  else sh('usermod', ['--append', '--groups', 'docker', USER]);
  const [, , uid, gid, , home] = sh('getent', ['passwd', USER]).split(':');
  return { uid: Number(uid), gid: Number(gid), home, created };
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
function nxAs(user: { name: string; home: string } | undefined, cwd: string, args: string[], env: NodeJS.ProcessEnv, ok = true): NxResult {
  const argv = [process.execPath, NX_BIN, ...args];
  const [cmd, ...rest] = user ? ['runuser', '-u', user.name, '--', ...argv] : argv;
  const started = Date.now();
  const r = spawnSync(cmd, rest, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true', ...(user ? { HOME: user.home, USER: user.name } : {}), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  process.stdout.write(`[users] nx ${args[1]} as ${user?.name ?? 'root'}: ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  if (ok && r.status !== 0) throw new Error(`nx ${args.join(' ')} as ${user?.name ?? 'root'} exited ${r.status}:\n${output}`);
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, output };
}

/** gomod-repo requiring greet v1.1.0 of the proxy, with go.sum as the go command writes it, as an Nx workspace. */
function gomodCheckout(env: NodeJS.ProcessEnv): string {
  const ws = checkout('gomod-repo');
  fs.writeFileSync(path.join(ws, 'go.mod'), fs.readFileSync(path.join(ws, 'go.mod'), 'utf8').replace('v1.0.0', 'v1.1.0'));
  const modcache = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-users-modcache-'));
  const goEnv = { ...process.env, ...env, GOFLAGS: '-mod=mod', GOMODCACHE: modcache, GOSUMDB: 'off', GOTOOLCHAIN: 'local' };
  try {
    execFileSync('go', ['mod', 'tidy'], { cwd: ws, env: goEnv });
  } finally {
    execFileSync('go', ['clean', '-modcache'], { cwd: ws, env: goEnv });
    fs.rmSync(modcache, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(ws, 'cmd/tiny'));
  fs.writeFileSync(path.join(ws, 'cmd/tiny/main.go'), TINY);
  fs.symlinkSync(stagedNodeModules(), path.join(ws, 'node_modules'));
  fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify({ cacheDirectory: '.nx/cache', plugins: ['nx-kube-build'] }, null, 2));
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'users-repo', private: true }));
  fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
  commitAll(ws, 'go.sum and nx');
  // A checkout as git makes it.
  fs.chmodSync(ws, 0o755);
  return ws;
}

/** Appends a const no one else compiled, so the build writes new entries into the caller's Go cache. */
const touch = (ws: string, who: string): void =>
  fs.appendFileSync(path.join(ws, 'cmd/tiny/main.go'), `\nconst by${crypto.randomBytes(4).toString('hex')} = "${who}"\n`);

describe('several users on one Docker Engine', () => {
  let proxy: string;
  let env: NodeJS.ProcessEnv;
  let user: { name: string; uid: number; gid: number; home: string; created: boolean };
  /** The module-cache volume root fills (its content is this test's alone). */
  let modVolume: string | undefined;
  /** Root's checkout, and the user's checkout of the same commit in a dir of theirs. */
  let rootWs: string;
  let userDir: string;
  let userWs: string;
  const binary = (ws: string) => path.join(ws, '_output/dockerized/bin/linux/amd64/tiny');
  const owner = (ws: string) => fs.statSync(binary(ws)).uid;
  /** What the binary says (println writes stderr). */
  const says = (ws: string) => spawnSync(binary(ws), { encoding: 'utf8' }).stderr.trim();

  beforeAll(() => {
    if (process.getuid?.() !== 0) {
      throw new Error(`e2e/users.e2e.ts must run as root (it creates the user ${USER} and runs nx as it), not as uid ${process.getuid?.()}: run it as root, as CI (.ci/run) does.`);
    }
    checkSocket();
    user = { name: USER, ...builder() };
    // The user runs the staged package and reads the proxy.
    fs.chmodSync(path.dirname(stagedNodeModules()), 0o755);
    proxy = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-users-goproxy-'));
    fs.chmodSync(proxy, 0o755);
    publishModule(proxy, GREET, 'v1.1.0', {
      'go.mod': `module ${GREET}\n\ngo 1.19\n`,
      'greet.go': 'package greet\n\n// Hello greets who.\nfunc Hello(who string) string { return "greet v1.1.0 says " + who + " to every user" }\n',
    });
    env = { GOPROXY: `file://${proxy}`, GONOSUMDB: 'example.test' };
    rootWs = gomodCheckout(env);
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-users-home-'));
    userWs = path.join(userDir, 'users-repo');
    fs.cpSync(rootWs, userWs, { recursive: true, verbatimSymlinks: true });
    sh('chown', ['-R', `${user.uid}:${user.gid}`, userDir]);
  });

  afterAll(() => {
    if (modVolume) spawnSync('docker', ['volume', 'rm', '-f', modVolume]);
    // A user this test made goes, with its Go cache volume.
    if (user?.created) {
      spawnSync('docker', ['volume', 'rm', '-f', `nx-kube-build-gocache-${user.uid}`]);
      spawnSync('userdel', ['--remove', USER]);
    }
    removeDir(rootWs);
    removeDir(userDir);
    removeDir(proxy);
  });

  it("root, then a user of the docker group, then root again build the same target, each compiling; each binary is its caller's", async () => {
    await sleep(1100); // events are stamped in whole seconds: start on a fresh one
    const since = nowSeconds();
    touch(rootWs, 'root');
    modVolume = /Module cache volume (nx-kube-build-gomod-[0-9a-f]{16})/.exec(nxAs(undefined, rootWs, TARGET, env).output)?.[1];
    expect(owner(rootWs)).toBe(0);
    touch(userWs, 'user');
    const r = nxAs(user, userWs, [...TARGET, '--skip-nx-cache'], env);
    // The module cache root filled, read by the user.
    expect(r.output).toMatch(/Module cache volume nx-kube-build-gomod-[0-9a-f]{16} is complete/);
    expect(owner(userWs)).toBe(user.uid);
    expect(says(userWs)).toBe('greet v1.1.0 says tiny to every user');
    touch(rootWs, 'root-again');
    nxAs(undefined, rootWs, [...TARGET, '--skip-nx-cache'], env);
    expect(owner(rootWs)).toBe(0);
    expect(says(rootWs)).toBe('greet v1.1.0 says tiny to every user');
    await sleep(1100);
    // Each build mounted its caller's own Go cache volume.
    const mounted = await volumesMountedAt('/go-cache', since, nowSeconds());
    const cacheOf = (w: string) => [...mounted].filter(([name]) => name.startsWith(containerPrefix(w))).flatMap(([, volumes]) => volumes);
    expect(cacheOf(rootWs)).toEqual(['nx-kube-build-gocache-0', 'nx-kube-build-gocache-0']);
    expect(cacheOf(userWs)).toEqual([`nx-kube-build-gocache-${user.uid}`]);
    expect(await kubeBuildContainers(rootWs)).toEqual([]);
    expect(await kubeBuildContainers(userWs)).toEqual([]);
  });

  it("a user naming root's Go cache volume fails with one line naming the volume, the uid and the fix", async () => {
    touch(userWs, 'user-in-root-volume');
    const r = nxAs(user, userWs, [...TARGET, '--skip-nx-cache', '--cacheVolume=nx-kube-build-gocache-0'], env, false);
    expect(r.code).not.toBe(0);
    expect(causeLine(r, /failed with exit code/)).toMatch(
      new RegExp(`^go build ./cmd/tiny for linux/amd64 failed with exit code 1\\. uid ${user.uid} may not write /go-cache/build/\\S+ in the Go cache volume nx-kube-build-gocache-0, which another uid wrote first: leave cacheVolume unset so each uid gets its own \\(nx-kube-build-gocache-${user.uid}\\), or set it to a volume only uid ${user.uid} uses\\.`),
    );
    expect(await kubeBuildContainers(userWs)).toEqual([]);
  });
});
