import * as fs from 'fs';
import * as path from 'path';
import { workspaceHash } from '../executors/shared/module/paths';
import { binaryKind, runBinary, sha256 } from './support/binaries';
import { containerPrefix, containersCreated, countingContainers, docker, nowSeconds } from './support/docker';
import { nx, nxOk } from './support/nx';
import { TlsEngine, freePort } from './support/tls-engine';
import { copySample, git, removeDir, samplePluginOptions } from './support/workspace';

const MAIN = 'unix:///var/run/docker.sock';
const kubelet = (ws: string): string => path.join(ws, '_output/dockerized/bin/linux/amd64/kubelet');
const build = ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache', '--output-style=static'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('beyond one machine: a second dockerd over TLS', () => {
  // Its own mount namespace hides engine.hidden from it: a checkout there is out of its reach, as on another machine.
  const engine = new TlsEngine({ hide: true });
  const workspaces: string[] = [];

  beforeAll(async () => {
    await engine.start();
  });

  afterAll(async () => {
    await engine.destroy();
    workspaces.forEach(removeDir);
  });

  describe('a remote engine that cannot see the checkout: sources copied in through the Engine API', () => {
    let ws: string;
    const volume = (): string => `kube-build-src-${workspaceHash(ws)}`;
    const remote = (): Record<string, string> => engine.env;

    beforeAll(() => {
      ws = copySample('remote', samplePluginOptions(), engine.hidden);
      workspaces.push(ws);
    });

    it('builds kubelet there (image first), byte-identical to the local build, starting nothing on the local engine', async () => {
      nxOk(ws, build);
      const local = sha256(kubelet(ws));
      fs.rmSync(path.join(ws, '_output'), { recursive: true, force: true });

      const since = nowSeconds();
      const { result: r, created } = await countingContainers(() => nxOk(ws, [...build, '--sync=copy'], remote()), ws);
      expect(created).toEqual([]);
      expect(r.output).toMatch(/Built kube-build image kube-build:build-\w+ in/);
      expect(r.output).toMatch(
        new RegExp(`synced \\d+ changed file\\(s\\) to volume ${volume()} on ${escape(engine.url)} into a fresh volume \\(first sync to this engine\\)`),
      );
      expect(r.output).toContain(`sources from volume ${volume()}`);
      // The premise: this engine refuses to bind-mount the checkout, as one on another machine would.
      const image = /Built kube-build image (kube-build:build-\w+)/.exec(r.output)![1];
      await expect(
        engine.docker.createContainer({ Image: image, HostConfig: { Mounts: [{ Type: 'bind', Source: ws, Target: '/src', ReadOnly: true }] } }),
      ).rejects.toThrow(`bind source path does not exist: ${ws}`);
      expect(sha256(kubelet(ws))).toBe(local);
      expect(runBinary(kubelet(ws), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');

      const there = (await containersCreated(since, nowSeconds(), engine.docker)).filter((n) => n.startsWith(containerPrefix(ws)));
      expect(there).toEqual(expect.arrayContaining([expect.stringMatching(/-kubelet-linux-amd64-[0-9a-f]{12}$/), expect.stringMatching(/-src-sync-/)]));
      await expect(engine.docker.getVolume(volume()).inspect()).resolves.toMatchObject({ Name: volume() });
      expect((await engine.docker.listContainers({ all: true })).map((c) => c.Names[0])).toEqual([]);
    });

    it('after one file changes, sends only that file and the binary has the change', () => {
      const server = path.join(ws, 'pkg/kubelet/server.go');
      fs.writeFileSync(server, fs.readFileSync(server, 'utf8').replace('Name:     "kubelet",', 'Name:     "kubelet-remote",'));
      const r = nxOk(ws, [...build, '--sync=copy'], remote());
      expect(r.output).toMatch(new RegExp(`synced 1 changed file\\(s\\) to volume ${volume()} on ${escape(engine.url)}\\n`));
      expect(runBinary(kubelet(ws), [])).toBe('kubelet-remote');
    });

    it('after a file is removed, re-syncs into a fresh volume, so no stale copy is compiled', () => {
      // A stale server.go beside server_main.go would redeclare everything in it.
      git(ws, 'mv', '-f', 'pkg/kubelet/server.go', 'pkg/kubelet/server_main.go');
      const r = nxOk(ws, [...build, '--sync=copy'], remote());
      expect(r.output).toMatch(/synced \d+ changed file\(s\) to volume \S+ on \S+ into a fresh volume \(1 file\(s\) were removed, e\.g\. pkg\/kubelet\/server\.go\)/);
      expect(runBinary(kubelet(ws), [])).toBe('kubelet-remote');
    });

    it('runs go test there from the same volume: a passing package passes, a failing test fails the task', async () => {
      // A package of the standard library alone, built -trimpath as the kubelet was: the engine's Go cache holds its dependencies.
      const test = ['run', 'k8s.io/apimachinery/pkg/util/sets:test', '--sync=copy', '--goflags=-trimpath', '--skip-nx-cache', '--output-style=static'];
      const ok = nxOk(ws, test, remote());
      expect(ok.output).toMatch(new RegExp(`synced 0 changed file\\(s\\) to volume ${volume()} on ${escape(engine.url)}\\n`));
      expect(ok.output).toContain(`sources from volume ${volume()})`);
      expect(ok.output).toMatch(/ok\s+k8s\.io\/apimachinery\/pkg\/util\/sets/);

      const broken = 'package sets\n\nimport "testing"\n\nfunc TestBroken(t *testing.T) { t.Fatal("broken on purpose") }\n';
      fs.writeFileSync(path.join(ws, 'staging/src/k8s.io/apimachinery/pkg/util/sets/zz_fail_test.go'), broken);
      const bad = nx(ws, test, remote());
      expect(bad.code).not.toBe(0);
      expect(bad.output).toMatch(/synced 1 changed file\(s\)/);
      expect(bad.output).toContain('--- FAIL: TestBroken');
      expect(bad.output).toContain('broken on purpose');
      expect(bad.output).toContain('go test k8s.io/apimachinery/pkg/util/sets failed with exit code 1: the test output is above.');
      expect((await engine.docker.listContainers({ all: true })).map((c) => c.Names[0])).toEqual([]);
    });

    it('a batch there builds several binaries in one container and copies each out, byte-identical to the local batch', async () => {
      const batch = ['run-many', '-t', 'build', '-c', 'linux-amd64', '-p', 'kubectl,kube-proxy', '--skip-nx-cache', '--output-style=static'];
      const bin = (b: string): string => path.join(ws, '_output/dockerized/bin/linux/amd64', b);
      nxOk(ws, batch);
      const local = [sha256(bin('kubectl')), sha256(bin('kube-proxy'))];
      fs.rmSync(path.join(ws, '_output'), { recursive: true, force: true });
      await wait(1100);
      const since = nowSeconds();
      const r = nxOk(ws, [...batch, '--sync=copy'], remote());
      await wait(1100);
      const line = r.output.split('\n').find((l) => l.startsWith('go build -o /tmp/ ') && l.includes(`sources from volume ${volume()})`));
      expect(line).toMatch(/ \.\/cmd\/kube(ctl|-proxy) \.\/cmd\/kube(ctl|-proxy) {2}\(in /);
      const there = (await containersCreated(since, nowSeconds(), engine.docker)).filter((n) => n.startsWith(containerPrefix(ws)) && !/-src-sync-/.test(n));
      expect(there).toEqual([expect.stringMatching(/-batch-linux-amd64-[0-9a-f]{12}$/)]);
      expect([sha256(bin('kubectl')), sha256(bin('kube-proxy'))]).toEqual(local);
      expect(fs.readdirSync(path.join(ws, '_output'))).toEqual(['dockerized']);
      expect((await engine.docker.listContainers({ all: true })).map((c) => c.Names[0])).toEqual([]);
    });
  });

  describe('an engine pool', () => {
    let ws: string;
    beforeAll(() => {
      ws = copySample('pool');
      workspaces.push(ws);
    });

    it('spreads run-many --batch=false over both engines, each build on one of them, and leaves no lease behind', async () => {
      const binaries = (JSON.parse(nxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary', '--json']).stdout) as string[]).sort();
      expect(binaries.length).toBeGreaterThanOrEqual(8);
      await wait(1100);
      const since = nowSeconds();
      const r = nxOk(
        ws,
        // A batch builds a platform's binaries in one container on one engine; per-task builds spread.
        ['run-many', '-t', 'build', '-c', 'linux-amd64', '--parallel=4', '--projects', 'tag:go:binary', '--skip-nx-cache', '--output-style=static', '--batch=false'],
        { NX_KUBE_BUILD_ENGINES: `${MAIN},${engine.url}|${engine.certs}` },
      );
      await wait(1100);
      const until = nowSeconds();
      for (const b of binaries) expect(binaryKind(path.join(ws, '_output/dockerized/bin/linux/amd64', b))).toBe('ELF x86-64');

      const builds = (names: string[]): string[] =>
        // Each run's container name ends in its own nonce.
        names
          .filter((n) => n.startsWith(containerPrefix(ws)) && /-linux-amd64-[0-9a-f]{12}$/.test(n))
          .map((n) => n.replace(/-[0-9a-f]{12}$/, ''))
          .sort();
      const onMain = builds(await containersCreated(since, until, docker));
      const onTls = builds(await containersCreated(since, until, engine.docker));
      expect(onMain.length).toBeGreaterThan(0);
      expect(onTls.length).toBeGreaterThan(0);
      expect([...onMain, ...onTls].sort()).toEqual(binaries.map((b) => `${containerPrefix(ws)}${b}-linux-amd64`).sort());
      expect(r.output).toContain(`Using Docker Engine ${MAIN}`);
      expect(r.output).toContain(`Using Docker Engine ${engine.url}`);
      // sync auto: the TLS engine listens on loopback, so it gets bind mounts like the local one.
      expect(r.output).not.toMatch(/synced \d+ changed file/);

      const leases = path.join(ws, '.nx/workspace-data/nx-kube-build/engines');
      const left = fs.readdirSync(leases).flatMap((d) => fs.readdirSync(path.join(leases, d)));
      expect(left).toEqual([]);
    });

    it('skips an engine that does not answer, with a warning naming it', async () => {
      const deadPort = await freePort();
      const r = nxOk(ws, build, { NX_KUBE_BUILD_ENGINES: `tcp://127.0.0.1:${deadPort},${MAIN}` });
      expect(r.output).toContain(`Skipping Docker Engine tcp://127.0.0.1:${deadPort}: connect ECONNREFUSED`);
      expect(r.output).toContain(`Using Docker Engine ${MAIN}`);
      expect(binaryKind(kubelet(ws))).toBe('ELF x86-64');
    });

    it('fails with one line naming every engine when none answers', async () => {
      const [a, b] = [await freePort(), await freePort()];
      const r = nx(ws, build, { NX_KUBE_BUILD_ENGINES: `tcp://127.0.0.1:${a}, tcp://127.0.0.1:${b}` });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(
        `No Docker Engine of the pool answered: tcp://127.0.0.1:${a} (connect ECONNREFUSED); tcp://127.0.0.1:${b} (connect ECONNREFUSED). Start one of them, or fix the engines option / NX_KUBE_BUILD_ENGINES.`,
      );
    });
  });
});
