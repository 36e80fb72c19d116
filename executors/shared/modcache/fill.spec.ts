import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DockerEngine } from '../engine/docker';
import { engineKey } from '../engine/engines';
import { clockLeapsAfter, gaveUpOn, heldByThisProcess } from '../nx/lock.spec-helpers';
import { executorStateDir } from '../nx/state-dir';
import { ensureModCache, ModCacheInput, modCacheVolumeOf } from './fill';

/** An engine that keeps volumes and their files in memory and runs the download as told. */
function fakeEngine(download: { exit: number; stderr?: string }) {
  const volumes = new Map<string, Set<string>>();
  const created: { name: string; mounts: string[]; network?: string }[] = [];
  const mountsOf = new Map<string, string>();
  const engine = {
    url: 'unix:///var/run/docker.sock',
    volumeExists: async (v: string) => volumes.has(v),
    ensureVolume: async (v: string) => void (volumes.has(v) || volumes.set(v, new Set())),
    removeVolume: async (v: string) => void volumes.delete(v),
    createStopped: async (spec: { name: string; HostConfig: { Mounts: { Source: string }[] } }) => {
      mountsOf.set(spec.name, spec.HostConfig.Mounts[0].Source);
    },
    readContainerFile: async (c: string, file: string) =>
      volumes.get(mountsOf.get(c) ?? '')?.has(path.posix.basename(file)) ? Buffer.from('x') : undefined,
    removeContainer: async () => undefined,
    runToCompletion: async (
      spec: { name: string; Cmd: string[]; HostConfig: { Mounts: { Source: string; Target: string }[]; NetworkMode: string } },
      io: { stderr: NodeJS.WritableStream; beforeRemove?: (exit: number) => Promise<void> },
    ) => {
      created.push({ name: spec.name, mounts: spec.HostConfig.Mounts.map((m) => `${m.Source}:${m.Target}`), network: spec.HostConfig.NetworkMode });
      const vol = spec.HostConfig.Mounts.find((m) => m.Target === '/tmp')!.Source;
      mountsOf.set(spec.name, vol);
      volumes.get(vol)!.add('mod');
      if (download.stderr) await new Promise<void>((r) => io.stderr.write(download.stderr!, () => r()));
      await io.beforeRemove?.(download.exit);
      return download.exit;
    },
    putArchive: async (c: string, dir: string) => {
      expect(dir).toBe('/tmp');
      volumes.get(mountsOf.get(c)!)!.add('.nx-kube-build-complete');
    },
  };
  return { engine: engine as unknown as DockerEngine, volumes, created };
}

describe('ensureModCache', () => {
  let ws: string;
  const lines: string[] = [];
  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-modcache-'));
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module example.com/m\n\ngo 1.19\n\nrequire example.test/greet v1.0.0\n');
    fs.writeFileSync(path.join(ws, 'go.sum'), 'example.test/greet v1.0.0 h1:x=\n');
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));
  const input = (engine: DockerEngine): ModCacheInput => ({
    engine,
    image: 'kube-build:x',
    workspaceRoot: ws,
    moduleRoot: '',
    moduleDir: ws,
    modulePath: 'example.com/m',
    network: 'bridge',
    hostEnv: { GOPROXY: 'https://p.example', HOME: '/root' },
    log: (l) => lines.push(l),
  });
  // Go's stderr is streamed to ours; keep the spec's output clean.
  const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(((_c: unknown, cb?: () => void) => (cb?.(), true)) as typeof process.stderr.write);
  afterAll(() => quiet.mockRestore());

  it('downloads into a missing volume, writes the marker last, and the next call finds it complete', async () => {
    const f = fakeEngine({ exit: 0 });
    const first = await ensureModCache(input(f.engine));
    expect(first).toEqual({ volume: modCacheVolumeOf(ws), downloaded: true });
    expect(f.volumes.get(first.volume)).toEqual(new Set(['mod', '.nx-kube-build-complete']));
    expect(f.created).toEqual([{ name: expect.stringMatching(/-gomod-[0-9a-f]{16}$/), mounts: [`${ws}:/go/src/example.com/m`, `${first.volume}:/tmp`], network: 'bridge' }]);
    await expect(ensureModCache(input(f.engine))).resolves.toEqual({ volume: first.volume, downloaded: false });
    expect(f.created).toHaveLength(1);
  });

  it('waits for another fill of the volume, saying so, and gives up after 30 min naming the lock', async () => {
    const volume = modCacheVolumeOf(ws);
    const lock = path.join(executorStateDir(ws), `gomod-${engineKey('unix:///var/run/docker.sock')}-${volume}.lock`);
    heldByThisProcess(lock);
    const undo = clockLeapsAfter(300, 30 * 60_000 + 1);
    lines.length = 0;
    try {
      await expect(ensureModCache(input(fakeEngine({ exit: 0 }).engine))).rejects.toThrow(gaveUpOn('30 min', `the module cache lock of ${volume}`, lock));
    } finally {
      undo();
      fs.rmSync(lock);
    }
    expect(lines).toEqual([`Waiting for pid ${process.pid} to fill ${volume}`]);
  });

  it('two fills of one volume at once take turns: one download, the other finds it complete', async () => {
    const f = fakeEngine({ exit: 0 });
    const results = await Promise.all([ensureModCache(input(f.engine)), ensureModCache(input(f.engine))]);
    expect(results.map((r) => r.downloaded).sort()).toEqual([false, true]);
    expect(f.created).toHaveLength(1);
  });

  it('never trusts a volume without the marker: it downloads again into a fresh volume, saying why', async () => {
    const f = fakeEngine({ exit: 0 });
    const volume = modCacheVolumeOf(ws);
    // What a killed download of another uid left, which this uid could not write into.
    f.volumes.set(volume, new Set(['mod', 'cache-of-uid-0']));
    lines.length = 0;
    await expect(ensureModCache(input(f.engine))).resolves.toEqual({ volume, downloaded: true });
    expect(f.volumes.get(volume)).toEqual(new Set(['mod', '.nx-kube-build-complete']));
    expect(lines[0]).toBe(`Module cache volume ${volume} has no completion marker (a download was interrupted): running go mod download again`);
  });

  it("fails with Go's line and the proxy, and writes no marker", async () => {
    const f = fakeEngine({ exit: 1, stderr: 'go: example.test/greet@v1.0.0: 410 Gone\n' });
    await expect(ensureModCache(input(f.engine))).rejects.toThrow(
      'go mod download in . failed (exit 1) with GOPROXY=https://p.example: go: example.test/greet@v1.0.0: 410 Gone: fix that requirement in go.mod',
    );
    expect(f.volumes.get(modCacheVolumeOf(ws))).toEqual(new Set(['mod']));
  });

  it('refuses a file:// proxy a remote engine cannot mount', async () => {
    const f = fakeEngine({ exit: 0 });
    const i = { ...input({ ...f.engine, url: 'tcp://10.0.0.5:2376' } as unknown as DockerEngine), hostEnv: { GOPROXY: `file://${ws}` } };
    await expect(ensureModCache(i)).rejects.toThrow(`GOPROXY names file://${ws}, a folder of this machine, which the Docker Engine at tcp://10.0.0.5:2376 cannot mount: serve that proxy over http(s), or fill the module cache on a local engine.`);
  });
});
