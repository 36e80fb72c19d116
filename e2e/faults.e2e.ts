import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goContainerName } from '../executors/shared/container/go-container';
import { workspaceHash } from '../executors/shared/module/paths';
import { taskLabels } from '../executors/shared/container/labels';
import { trackScratch } from '../executors/shared/cleanup/scratch';
import { currentOwner } from '../executors/shared/nx/owner';
import { binaryKind, sha256 } from './support/binaries';
import { SocketDockerd } from './support/dockerd';
import { containerPrefix, containersCreated, countingContainers, docker, nowSeconds, volumesMountedAt } from './support/docker';
import { NxResult, nx, nxOk } from './support/nx';
import { CLI_BIN, NX_BIN } from './support/paths';
import { SAMPLE_BINARIES as BINARIES, causeLine, outDir } from './support/sample';
import { Tally, orphanContainers } from './support/tally';
import { copySample, removeDir } from './support/workspace';

const tally = new Tally('faults');
const workspaces: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

interface Running {
  child: ChildProcess;
  exited: () => boolean;
  done: Promise<NxResult>;
}

/** nx in the background, in its own process group (as a terminal's foreground job is). */
function spawnNx(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [NX_BIN, ...args], {
    cwd,
    detached: true,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true', ...env },
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<NxResult>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: stdout + stderr });
    }),
  );
  return { child, exited: () => exited, done };
}

/** Waits until the engine runs a container whose name starts with `prefix`. */
async function waitForRunning(engine: Docker, prefix: string, run: Running, timeoutMs = 120_000): Promise<Docker.ContainerInfo> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const list = await engine.listContainers({ all: true, filters: { name: [prefix] } }).catch(() => []);
    const hit = list.find((c) => c.State === 'running' && c.Names.some((n) => n.replace(/^\//, '').startsWith(prefix)));
    if (hit) return hit;
    if (run.exited()) throw new Error(`nx ended before a ${prefix}* container ran:\n${(await run.done).output}`);
    await sleep(100);
  }
  throw new Error(`no ${prefix}* container ran within ${timeoutMs / 1000}s`);
}

afterAll(async () => {
  tally.orphans((await orphanContainers(workspaces)).length);
  console.log(tally.finish());
  for (const ws of workspaces) removeDir(ws);
});

describe('faults on the main engine', () => {
  let ws: string;
  const kubelet = () => path.join(outDir(ws), 'kubelet');
  const prefix = () => `kube-build-${workspaceHash(ws)}-kubelet-linux-amd64`;
  // -a recompiles everything: the container runs long enough to be interrupted.
  const slowBuild = ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache', '--goflags=-a'];

  beforeAll(() => {
    ws = copySample('faults');
    workspaces.push(ws);
  });

  it.each([
    ['the nx process', (pid: number) => process.kill(pid, 'SIGINT')],
    ['the process group, as Ctrl-C does', (pid: number) => process.kill(-pid, 'SIGINT')],
  ])('SIGINT to %s mid-build removes the container and any partial binary; the next run builds', async (_what, interrupt) => {
    const before = filesIn(outDir(ws));
    const shaBefore = before.includes('kubelet') ? sha256(kubelet()) : undefined;
    const run = spawnNx(ws, slowBuild);
    await waitForRunning(docker, prefix(), run);
    await sleep(500);
    interrupt(run.child.pid!);
    const r = await run.done;
    expect(r.code).not.toBe(0);
    expect(await orphanContainers([ws])).toEqual([]);
    expect(filesIn(outDir(ws))).toEqual(before);
    if (shaBefore) expect(sha256(kubelet())).toBe(shaBefore);

    nxOk(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache']);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(filesIn(outDir(ws))).toEqual(['kubelet']);
    tally.faultSurvived();
  });

  it('SIGINT to the process group mid-batch removes the batch container and its scratch dir, and starts nothing after', async () => {
    const before = filesIn(outDir(ws));
    const run = spawnNx(ws, ['run-many', '-t', 'build', '-c', 'linux-amd64', '-p', 'kubelet,kubectl,kubeadm', '--skip-nx-cache', '--goflags=-a']);
    const since = nowSeconds();
    await waitForRunning(docker, `kube-build-${workspaceHash(ws)}-batch-linux-amd64`, run);
    await sleep(500);
    process.kill(-run.child.pid!, 'SIGINT');
    const r = await run.done;
    expect(r.code).not.toBe(0);
    await sleep(1100);
    expect(await orphanContainers([ws])).toEqual([]);
    // The batch's container alone: no task was built on its own after the signal.
    expect((await containersCreated(since, nowSeconds())).filter((n) => n.startsWith(containerPrefix(ws)))).toEqual([expect.stringMatching(/-batch-linux-amd64-/)]);
    expect(filesIn(path.join(ws, '_output')).filter((f) => f.startsWith('.batch.'))).toEqual([]);
    expect(filesIn(outDir(ws))).toEqual(before);
    tally.faultSurvived();
  });

  it('containers and partial binaries of a killed run are removed by nx-kube-build clean; a live run\'s are not', async () => {
    const image = (await docker.listImages({ filters: { reference: ['kube-build'] } }))[0].RepoTags![0];
    const gone = spawnSync('true');
    const deadOwner = { host: os.hostname(), pid: gone.pid!, start: '1' };
    const task = { workspaceRoot: ws, project: 'kubelet', target: 'build', platform: 'linux/amd64' };
    const orphan = await docker.createContainer({
      name: goContainerName(ws, 'kubelet', 'linux', 'amd64', 'deadbeef0001'),
      Image: image,
      Entrypoint: ['go'],
      Cmd: ['version'],
      Labels: taskLabels(task, deadOwner),
      HostConfig: { NetworkMode: 'none' },
    });
    // An exited container of an older version (no owner labels) is litter too.
    const old = await docker.createContainer({
      name: goContainerName(ws, 'kubelet', 'linux', 'amd64'),
      Image: image,
      Entrypoint: ['go'],
      Cmd: ['version'],
      Labels: { 'io.nx-kube-build.workspace': ws },
      HostConfig: { NetworkMode: 'none' },
    });
    const live = await docker.createContainer({
      name: goContainerName(ws, 'kubelet', 'linux', 'amd64', 'a1ive0000001'),
      Image: image,
      Entrypoint: ['go'],
      Cmd: ['version'],
      Labels: taskLabels(task, currentOwner()),
      HostConfig: { NetworkMode: 'none' },
    });
    fs.mkdirSync(outDir(ws), { recursive: true });
    const partial = path.join(outDir(ws), '.kubelet.deadbeef0001.tmp');
    trackScratch(ws, [partial], deadOwner);
    fs.writeFileSync(partial, 'half a binary');

    const out = execFileSync(process.execPath, [CLI_BIN, 'clean'], { cwd: ws, encoding: 'utf8' });
    expect(out).toContain('Removed what an interrupted run left behind: 2 container(s)');
    expect(out).toContain(partial);
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(old.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(fs.existsSync(partial)).toBe(false);
    // This process is alive: its container stays.
    expect((await live.inspect()).State.Status).toBe('created');
    await live.remove({ force: true });
    tally.faultSurvived();
  });

  it('two identical runs of one task at once build side by side and both succeed', async () => {
    const build = ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache'];
    fs.appendFileSync(path.join(ws, 'pkg/kubelet/kubelet.go'), '\nconst sideBySide = 1\n');
    const first = spawnNx(ws, build);
    // Paused, the first one's container is live for as long as the second run takes.
    const running = docker.getContainer((await waitForRunning(docker, prefix(), first)).Id);
    await running.pause();
    const second = await spawnNx(ws, build).done;
    await running.unpause();
    const results = [await first.done, second];
    for (const r of results) if (r.code !== 0) throw new Error(`one of two identical runs failed:\n${r.output}`);
    const names = results.map((r) => /container (kube-build-\S+)\)/.exec(r.output)?.[1]);
    expect(new Set(names).size).toBe(2);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(filesIn(outDir(ws))).toEqual(['kubelet']);
    expect(await orphanContainers([ws])).toEqual([]);
    tally.faultSurvived();
  });

  it('SIGKILL to nx mid-build: the next build of any task removes the container and the partial binary left behind', async () => {
    fs.appendFileSync(path.join(ws, 'pkg/kubelet/kubelet.go'), '\nconst killed = 1\n');
    const run = spawnNx(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache']);
    const container = docker.getContainer((await waitForRunning(docker, prefix(), run)).Id);
    // Paused, so the kill lands mid-build however fast the build is.
    await container.pause();
    process.kill(-run.child.pid!, 'SIGKILL');
    await run.done;
    await container.unpause();
    // Nothing is left to stop it: the container runs on and writes its partial binary.
    await container.wait();
    expect(filesIn(outDir(ws)).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    expect(await orphanContainers([ws])).toHaveLength(1);

    const r = nxOk(ws, ['run', 'kube-proxy:build:linux-amd64', '--skip-nx-cache']);
    expect(r.output).toContain('Removed what an interrupted run left behind: 1 container(s)');
    expect(await orphanContainers([ws])).toEqual([]);
    expect(filesIn(outDir(ws)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    tally.faultSurvived();
  });

  it.each([
    ['linux-amd64', 'ELF x86-64', ['--batch=false']],
    ['linux-arm64', 'ELF aarch64', []],
  ])('run-many -t build -c %s --parallel=4 over every binary (%s, %j): each builds in its own container, or all in one batch', async (config, kind, batch) => {
    const [os, arch] = config.split('-');
    const { result, created } = await countingContainers(() =>
      nx(ws, ['run-many', '-t', 'build', '-c', config, '--parallel=4', '--projects', 'tag:go:binary', '--skip-nx-cache', '--output-style=static', ...batch]),
    );
    if (result.code !== 0) throw new Error(`run-many -c ${config} exited ${result.code}:\n${result.output}`);
    for (const b of BINARIES) expect([b, binaryKind(path.join(outDir(ws, os, arch), b))]).toEqual([b, kind]);
    expect(filesIn(outDir(ws, os, arch))).toEqual(BINARIES);
    const mine = created.filter((n) => n.startsWith(`kube-build-${workspaceHash(ws)}-`)).sort();
    // One container per binary, each named for its run (a nonce last); batched, one for them all.
    const names = batch.length ? BINARIES : ['batch'];
    expect(mine.map((n) => n.replace(/-[0-9a-f]{12}$/, ''))).toEqual(names.map((b) => `kube-build-${workspaceHash(ws)}-${b}-${config}`));
    expect(await orphanContainers([ws])).toEqual([]);
    tally.faultSurvived();
  });

  it('two builds in two checkouts at once share the Go cache volume and both succeed', async () => {
    const twin = copySample('faults-twin');
    workspaces.push(twin);
    // A different change in each, so both compile rather than only link.
    fs.appendFileSync(path.join(ws, 'pkg/kubelet/kubelet.go'), '\nconst twinMark = "first"\n');
    fs.appendFileSync(path.join(twin, 'pkg/kubelet/kubelet.go'), '\nconst twinMark = "second"\n');
    const build = ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache'];
    await sleep(1100); // events are stamped in whole seconds: start on a fresh one
    const since = nowSeconds();
    const a = spawnNx(ws, build);
    const b = spawnNx(twin, build);
    const results = await Promise.all([a.done, b.done]);
    for (const r of results) if (r.code !== 0) throw new Error(`a concurrent build failed:\n${r.output}`);
    await sleep(1100);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(binaryKind(path.join(outDir(twin), 'kubelet'))).toBe('ELF x86-64');
    // Both build containers mounted this uid's one Go cache volume at /go-cache.
    const mounted = await volumesMountedAt('/go-cache', since, nowSeconds());
    const cacheOf = (w: string) => [...mounted].filter(([name]) => name.startsWith(containerPrefix(w))).flatMap(([, volumes]) => volumes);
    const volume = `nx-kube-build-gocache-${process.getuid!()}`;
    expect([cacheOf(ws), cacheOf(twin)]).toEqual([[volume], [volume]]);
    expect(await orphanContainers([ws, twin])).toEqual([]);
    tally.faultSurvived();
  });
});


describe('the Docker Engine stopping during a build (a second dockerd)', () => {
  let engine: SocketDockerd;
  let ws: string;
  const kubelet = () => path.join(outDir(ws), 'kubelet');

  beforeAll(async () => {
    engine = new SocketDockerd();
    await engine.start();
    ws = copySample('engine-stop');
    workspaces.push(ws);
  });

  afterAll(async () => {
    if (!engine) return;
    if (ws) tally.orphans((await orphanContainers([ws], engine.docker).catch(() => [])).length);
    await engine.destroy();
  });

  it('builds through it, building the kube-build image there first', () => {
    const r = nxOk(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache', '--output-style=static'], engine.env);
    expect(r.output).toMatch(/Built kube-build image kube-build:build-\w+ in/);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
  });

  it('stopping it mid-build fails with a line saying so and leaves the binary as it was', async () => {
    const before = sha256(kubelet());
    const run = spawnNx(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache', '--goflags=-a'], engine.env);
    await waitForRunning(engine.docker, `kube-build-${workspaceHash(ws)}-kubelet-linux-amd64`, run);
    await sleep(500);
    await engine.stop();
    const r = await run.done;
    expect(r.code).not.toBe(0);
    causeLine(
      r,
      /Container kube-build-\w+-kubelet-linux-amd64-[0-9a-f]{12} was stopped from outside with signal 15 \(the Docker Engine at unix:\/\/\/tmp\/nkb-dockerd-\w+\/docker\.sock shutting down|Lost the Docker Engine at unix:\/\/\/tmp\/nkb-dockerd-\w+\/docker\.sock while container kube-build-\w+-kubelet-linux-amd64-[0-9a-f]{12} ran/,
    );
    expect(r.output).not.toMatch(/compiler output is above/);
    expect(sha256(kubelet())).toBe(before);
    expect(filesIn(outDir(ws))).toEqual(['kubelet']);
  });

  it('once it is back, the build succeeds and leaves no container there', async () => {
    await engine.start();
    nxOk(ws, ['run', 'kubelet:build:linux-amd64', '--skip-nx-cache'], engine.env);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(filesIn(outDir(ws))).toEqual(['kubelet']);
    expect(await orphanContainers([ws], engine.docker)).toEqual([]);
    tally.faultSurvived();
  });
});
