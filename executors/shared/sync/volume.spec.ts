import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar-stream';
import { workspaceHash } from '../module/paths';
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

describe('syncSources', () => {
  it('waits for another sync to the engine, saying so, and gives up after 15 min naming the lock', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-sync-lock-'));
    const url = 'tcp://10.0.0.5:2376';
    const lock = syncStateFile(stateDir, 'ABCD:EFGH').replace(/\.json$/, '.lock');
    heldByThisProcess(lock);
    const lines: string[] = [];
    const engine = { url, engineId: async () => 'ABCD:EFGH' } as unknown as DockerEngine;
    const input = { engine, workspaceRoot: stateDir, moduleRoot: '', moduleDir: stateDir, image: 'kube-build:x', stateDir, log: (l: string) => lines.push(l) };
    const undo = clockLeapsAfter(300, 15 * 60_000 + 1);
    try {
      await expect(syncSources(input)).rejects.toThrow(gaveUpOn('15 min', `the source sync lock of ${url}`, lock));
    } finally {
      undo();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
    expect(lines).toEqual([`Waiting for pid ${process.pid} to finish syncing sources to ${url}`]);
  });
});
