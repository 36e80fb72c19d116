import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar-stream';
import { workspaceHash } from '../module/paths';
import type Dockerode from 'dockerode';
import type { Readable } from 'stream';
import type { DockerEngine } from '../engine/docker';
import { clockLeapsAfter, gaveUpOn, heldByThisProcess } from '../nx/lock.spec-helpers';
import { SYNC_STAMP, packSources, sourceVolumeName, syncSources, syncStateFile } from './volume';
import { scanTree } from './manifest';

interface Entry {
  name: string;
  type: string;
  mode: number;
  uid: number;
  linkname?: string;
  body: string;
}

async function entries(pack: tar.Pack): Promise<Entry[]> {
  const out: Entry[] = [];
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    let body = '';
    stream.on('data', (c: unknown) => (body += String(c)));
    stream.on('end', () => {
      out.push({ name: h.name, type: h.type ?? 'file', mode: h.mode ?? 0, uid: h.uid ?? -1, linkname: h.linkname ?? undefined, body });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    pack.on('error', reject);
    pack.pipe(extract);
  });
  return out;
}

describe('packSources', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-pack-src-'));
    fs.mkdirSync(path.join(root, 'pkg/a'), { recursive: true });
    fs.mkdirSync(path.join(root, 'staging/api'), { recursive: true });
    fs.mkdirSync(path.join(root, 'vendor'), { recursive: true });
    fs.writeFileSync(path.join(root, 'go.mod'), 'module m\n');
    fs.writeFileSync(path.join(root, 'pkg/a/a.go'), 'package a\n');
    fs.writeFileSync(path.join(root, 'pkg/a/gen.sh'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(root, 'staging/api/t.go'), 'package api\n');
    fs.symlinkSync('../staging/api', path.join(root, 'vendor/api'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('holds only the given paths, their parent dirs once, modes and links as listed, root-owned, the stamp last', async () => {
    const files = scanTree(root);
    const got = await entries(packSources(root, ['pkg/a/a.go', 'pkg/a/gen.sh', 'vendor/api'], files, 'tok123'));
    expect(got.map((e) => [e.name, e.type, e.mode.toString(8)])).toEqual([
      ['pkg', 'directory', '755'],
      ['pkg/a', 'directory', '755'],
      ['pkg/a/a.go', 'file', '644'],
      ['pkg/a/gen.sh', 'file', '755'],
      ['vendor', 'directory', '755'],
      ['vendor/api', 'symlink', '777'],
      [SYNC_STAMP, 'file', '644'],
    ]);
    expect(got.every((e) => e.uid === 0)).toBe(true);
    expect(got.find((e) => e.name === 'vendor/api')?.linkname).toBe('../staging/api');
    expect(got.find((e) => e.name === 'pkg/a/a.go')?.body).toBe('package a\n');
    expect(got[got.length - 1].body).toBe('tok123\n');
  });

  it('fails the stream when a listed file has gone', async () => {
    const files = scanTree(root);
    fs.rmSync(path.join(root, 'go.mod'));
    await expect(entries(packSources(root, ['go.mod'], files, 't'))).rejects.toThrow(/ENOENT/);
  });
});

describe('sourceVolumeName and syncStateFile', () => {
  it('is kube-build-src-<wsHash> for a module at the root, with a module suffix otherwise', () => {
    expect(sourceVolumeName('/ws', '')).toBe(`kube-build-src-${workspaceHash('/ws')}`);
    expect(sourceVolumeName('/ws', 'services')).toMatch(new RegExp(`^kube-build-src-${workspaceHash('/ws')}-[0-9a-f]{8}$`));
    expect(sourceVolumeName('/ws', 'services')).not.toBe(sourceVolumeName('/ws', 'tools'));
  });

  it('keeps one state file per engine under the state dir', () => {
    expect(syncStateFile('/ws/.nx/workspace-data/nx-kube-build', 'ABCD:EFGH')).toMatch(
      /^\/ws\/\.nx\/workspace-data\/nx-kube-build\/sync-[0-9a-f]{12}\.json$/,
    );
  });
});

/** An engine whose volumes are file maps: a created helper container sees its volume, an archive put into it lands there. */
function volumeEngine() {
  const volumes = new Map<string, Map<string, string>>();
  const helpers = new Map<string, string>();
  const engine = {
    url: 'tcp://builder.example:2376',
    engineId: async () => 'ENGINE:ID',
    volumeExists: async (v: string) => volumes.has(v),
    ensureVolume: async (v: string) => void (volumes.has(v) || volumes.set(v, new Map())),
    removeVolume: async (v: string) => void volumes.delete(v),
    createStopped: async (spec: Dockerode.ContainerCreateOptions) => void helpers.set(spec.name!, spec.HostConfig!.Mounts![0].Source!),
    removeContainer: async (name: string) => void helpers.delete(name),
    readContainerFile: async (name: string, file: string) => {
      const body = volumes.get(helpers.get(name)!)?.get(file.replace(/^\/src\//, ''));
      return body === undefined ? undefined : Buffer.from(body);
    },
    putArchive: async (name: string, _dir: string, archive: Readable) => {
      const files = volumes.get(helpers.get(name)!)!;
      for (const e of await entries(archive as unknown as tar.Pack)) if (e.type === 'file') files.set(e.name, e.body);
    },
  };
  return { engine: engine as unknown as DockerEngine, volumes };
}

describe('syncSources', () => {
  let root: string;
  let ws: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-sync-'));
    ws = path.join(root, 'ws');
    fs.mkdirSync(path.join(ws, 'pkg/a'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module m\n');
    fs.writeFileSync(path.join(ws, 'pkg/a/a.go'), 'package a\n');
    fs.writeFileSync(path.join(ws, 'pkg/a/stale.go'), 'package a\n\nconst Stale = 1\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const sync = (engine: DockerEngine, log: string[] = []) =>
    syncSources({ engine, workspaceRoot: ws, moduleRoot: '', moduleDir: ws, image: 'kube-build:x', stateDir: path.join(root, 'state'), log: (l) => log.push(l) });
  const held = (volumes: Map<string, Map<string, string>>) => [...(volumes.get(sourceVolumeName(ws, ''))?.keys() ?? [])].filter((f) => f !== SYNC_STAMP).sort();

  it('sends only the changed file the second time', async () => {
    const { engine, volumes } = volumeEngine();
    await sync(engine);
    expect(held(volumes)).toEqual(['go.mod', 'pkg/a/a.go', 'pkg/a/stale.go']);
    fs.writeFileSync(path.join(ws, 'pkg/a/a.go'), 'package a\n\n// edited\n');
    const log: string[] = [];
    const second = await sync(engine, log);
    expect(second.plan.send).toEqual(['pkg/a/a.go']);
    expect(volumes.get(second.volume)?.get('pkg/a/a.go')).toBe('package a\n\n// edited\n');
    expect(log).toEqual([`synced 1 changed file(s) to volume ${second.volume} on tcp://builder.example:2376`]);
  });

  it('after a removal the volume is made afresh: the removed file is gone from it, so go cannot compile it', async () => {
    const { engine, volumes } = volumeEngine();
    await sync(engine);
    fs.rmSync(path.join(ws, 'pkg/a/stale.go'));
    const log: string[] = [];
    await sync(engine, log);
    expect(held(volumes)).toEqual(['go.mod', 'pkg/a/a.go']);
    expect(log).toEqual([
      `synced 2 changed file(s) to volume ${sourceVolumeName(ws, '')} on tcp://builder.example:2376 into a fresh volume (1 file(s) were removed, e.g. pkg/a/stale.go)`,
    ]);
  });

  it('waits for another sync to the engine, saying so, and gives up after 15 min naming the lock', async () => {
    const { engine } = volumeEngine();
    const lock = syncStateFile(path.join(root, 'state'), 'ENGINE:ID').replace(/\.json$/, '.lock');
    heldByThisProcess(lock);
    const log: string[] = [];
    const undo = clockLeapsAfter(300, 15 * 60_000 + 1);
    try {
      await expect(sync(engine, log)).rejects.toThrow(gaveUpOn('15 min', 'the source sync lock of tcp://builder.example:2376', lock));
    } finally {
      undo();
    }
    expect(log).toEqual(['Waiting for pid ' + process.pid + ' to finish syncing sources to tcp://builder.example:2376']);
  });
});
