import { ChildProcess, execFileSync, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as path from 'path';
import { CACHE_MOUNT, CONTAINER_ENV_KEYS, OUTPUT_MOUNT } from '../executors/shared/container/go-container';
import { docker, taskContainers } from './support/docker';
import { NxResult, nxOk } from './support/nx';
import { NX_BIN } from './support/paths';
import { Tally, orphanContainers } from './support/tally';
import { copySample, removeDir } from './support/workspace';

const tally = new Tally('security');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A group this process is not in: the container must still run with it. */
const GID = 4242;
const SOURCE = '/go/src/k8s.io/kubernetes';

/** A Go test that reports what it sees from inside its container, then waits for the host's go-ahead. */
const PROBE_TEST = `package inside

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func report(t *testing.T, key string, value interface{}) { t.Logf("OBSERVED %s=%v", key, value) }

func TestFromInside(t *testing.T) {
	report(t, "uid", os.Getuid())
	report(t, "gid", os.Getgid())
	wd, _ := os.Getwd()
	report(t, "source-write", os.WriteFile(filepath.Join(wd, "written-from-inside"), []byte("x"), 0o644))
	for _, sock := range []string{"/var/run/docker.sock", "/run/docker.sock"} {
		_, err := os.Stat(sock)
		report(t, "socket", err)
	}
	for _, kv := range os.Environ() {
		report(t, "env", kv)
	}
	conn, err := net.DialTimeout("tcp", "1.1.1.1:53", 2*time.Second)
	if conn != nil {
		conn.Close()
	}
	report(t, "dial", err)
	ifs, _ := net.Interfaces()
	var names []string
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	report(t, "interfaces", strings.Join(names, ","))
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\\n") {
		if strings.HasPrefix(l, "CapEff:") || strings.HasPrefix(l, "NoNewPrivs:") {
			report(t, "status", strings.Join(strings.Fields(l), " "))
		}
	}
	release := filepath.Join(wd, "..", "..", "_release")
	for i := 0; i < 600; i++ {
		if _, err := os.Stat(release); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
}
`;

function spawnNx(cwd: string, args: string[], env: NodeJS.ProcessEnv, gid?: number): { child: ChildProcess; done: Promise<NxResult> } {
  const child = spawn(process.execPath, [NX_BIN, ...args], {
    cwd,
    ...(gid === undefined ? {} : { gid }),
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<NxResult>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, output: stdout + stderr })),
  );
  return { child, done };
}

/** Inspects the container named `name` as soon as it exists, while nx still runs. */
async function inspectLive(ws: string, project: string, target: string, done: Promise<NxResult>): Promise<Docker.ContainerInspectInfo> {
  let finished = false;
  void done.then(() => (finished = true));
  const end = Date.now() + 120_000;
  while (Date.now() < end && !finished) {
    try {
      const [c] = await taskContainers(ws, project, target);
      if (c) return await docker.getContainer(c.Id).inspect();
    } catch {
      // Gone between list and inspect: look again.
    }
    await sleep(50);
  }
  throw new Error(`no container of ${project}:${target} appeared:\n${finished ? (await done).output : 'timed out'}`);
}

describe('what a build container can and cannot do', () => {
  let ws: string;
  let imageEnvKeys: string[];
  const secrets = { AWS_SECRET_ACCESS_KEY: randomBytes(12).toString('hex'), NPM_TOKEN: randomBytes(12).toString('hex') };
  const uid = process.getuid!();

  beforeAll(() => {
    ws = copySample('security');
  });

  afterAll(async () => {
    tally.orphans((await orphanContainers([ws])).length);
    console.log(tally.finish());
    removeDir(ws);
  });

  it('release tarballs hold no absolute paths and no ".." entries', () => {
    nxOk(ws, ['run', 'kubernetes:release', '-c', 'quick']);
    const dir = path.join(ws, '_output/release-tars');
    const tarballs = fs.readdirSync(dir).filter((f) => f.endsWith('.tar.gz'));
    expect(tarballs.length).toBeGreaterThan(3);
    for (const t of tarballs) {
      const entries = execFileSync('tar', ['tzf', path.join(dir, t)], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(entries.length).toBeGreaterThan(0);
      const bad = entries.filter((e) => e.startsWith('/') || e.split('/').includes('..') || !e.startsWith('kubernetes/'));
      expect([t, bad]).toEqual([t, []]);
    }
  });

  describe('a go test run with secrets in the env and a gid of its own', () => {
    let live: Docker.ContainerInspectInfo;
    let observed: string[];
    const seen = (key: string) => observed.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));

    beforeAll(async () => {
      imageEnvKeys = [];
      fs.mkdirSync(path.join(ws, 'pkg/inside'), { recursive: true });
      fs.writeFileSync(path.join(ws, 'pkg/inside/doc.go'), '// Package inside only holds a test that looks around its container.\npackage inside\n');
      fs.writeFileSync(path.join(ws, 'pkg/inside/inside_test.go'), PROBE_TEST);
      const project = 'k8s.io/kubernetes/pkg/inside';
      const run = spawnNx(ws, ['run', `${project}:test`, '--skip-nx-cache', '--goflags=-v -count=1', '--output-style=static'], secrets, GID);
      try {
        live = await inspectLive(ws, project, 'test', run.done);
        imageEnvKeys = ((await docker.getImage(live.Config.Image).inspect()).Config.Env ?? []).map((e) => e.split('=')[0]);
      } finally {
        fs.mkdirSync(path.join(ws, '_release'), { recursive: true });
      }
      const r = await run.done;
      if (r.code !== 0) throw new Error(`the probe test failed:\n${r.output}`);
      observed = r.output
        .split('\n')
        .map((l) => /OBSERVED (.*)$/.exec(l)?.[1])
        .filter((l): l is string => l !== undefined);
      const inside = seen('env').join('\n');
      tally.secrets(Object.values(secrets).filter((v) => inside.includes(v)).length);
    });

    it('runs as the invoking uid and gid', () => {
      expect(live.Config.User).toBe(`${uid}:${GID}`);
      expect(seen('uid')).toEqual([String(uid)]);
      expect(seen('gid')).toEqual([String(GID)]);
    });

    it('mounts the source read-only: writing into its own package dir fails', () => {
      expect(seen('source-write')).toEqual([`open ${SOURCE}/pkg/inside/written-from-inside: read-only file system`]);
      expect(fs.existsSync(path.join(ws, 'pkg/inside/written-from-inside'))).toBe(false);
      const mounts = live.Mounts.map((m) => ({ type: m.Type, source: m.Type === 'volume' ? m.Name : m.Source, target: m.Destination, rw: m.RW }));
      expect(mounts.sort((a, b) => (a.target < b.target ? -1 : 1))).toEqual([
        { type: 'volume', source: `nx-kube-build-gocache-${process.getuid!()}`, target: CACHE_MOUNT, rw: true },
        { type: 'bind', source: ws, target: SOURCE, rw: false },
      ]);
    });

    it('has no Docker socket and none of the host environment', () => {
      expect(seen('socket')).toEqual(['stat /var/run/docker.sock: no such file or directory', 'stat /run/docker.sock: no such file or directory']);
      const keys = seen('env').map((kv) => kv.split('=')[0]);
      // Docker sets HOSTNAME; go test sets PWD for the test binary.
      const allowed = new Set<string>([...CONTAINER_ENV_KEYS, ...imageEnvKeys, 'HOSTNAME', 'PWD']);
      expect(keys.filter((k) => !allowed.has(k))).toEqual([]);
      expect(keys).toEqual(expect.arrayContaining([...CONTAINER_ENV_KEYS]));
      const configured = (live.Config.Env ?? []).map((e) => e.split('=')[0]);
      expect(configured.filter((k) => !allowed.has(k))).toEqual([]);
      for (const value of Object.values(secrets)) expect(seen('env').join('\n')).not.toContain(value);
      expect(keys.filter((k) => /AWS|NPM|TOKEN|SECRET/.test(k))).toEqual([]);
    });

    it('has no network: dialing out fails and only loopback exists', () => {
      expect(live.HostConfig.NetworkMode).toBe('none');
      expect(seen('dial')).toEqual(['dial tcp 1.1.1.1:53: connect: network is unreachable']);
      expect(seen('interfaces')).toEqual(['lo']);
    });

    it('is never privileged: no capabilities, no new privileges', () => {
      expect(live.HostConfig.Privileged).toBe(false);
      expect(live.HostConfig.CapDrop).toEqual(['ALL']);
      expect(live.HostConfig.CapAdd ?? []).toEqual([]);
      expect(live.HostConfig.SecurityOpt).toEqual(['no-new-privileges']);
      expect(seen('status')).toEqual(['CapEff: 0000000000000000', 'NoNewPrivs: 1']);
    });
  });

  it('a running build container has the same lock-down, and only /output writable besides the cache', async () => {
    const run = spawnNx(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache'], secrets, GID);
    const live = await inspectLive(ws, 'kubelet', 'build', run.done);
    const r = await run.done;
    if (r.code !== 0) throw new Error(`the build failed:\n${r.output}`);
    expect(live.Config.User).toBe(`${uid}:${GID}`);
    expect(live.HostConfig).toMatchObject({ Privileged: false, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], NetworkMode: 'none' });
    const mounts = (live.HostConfig.Mounts ?? []).map((m) => [m.Target, m.Type, m.ReadOnly === true]).sort();
    expect(mounts).toEqual([
      [CACHE_MOUNT, 'volume', false],
      [SOURCE, 'bind', true],
      [OUTPUT_MOUNT, 'bind', false],
    ]);
    expect(live.HostConfig.Binds ?? []).toEqual([]);
    const env = live.Config.Env ?? [];
    for (const value of Object.values(secrets)) expect(env.join('\n')).not.toContain(value);
    expect(env.map((e) => e.split('=')[0]).filter((k) => !new Set<string>([...CONTAINER_ENV_KEYS, ...imageEnvKeys]).has(k))).toEqual([]);
  });
});
