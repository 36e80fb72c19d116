import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Manifest, diffManifests, planSync, readSyncState, scanTree } from './manifest';

const d = (digest: string) => ({ digest, size: 1, mtimeMs: 1 });

describe('diffManifests', () => {
  it.each([
    [{}, {}, [], []],
    [{}, { 'a.go': 'f644:1' }, ['a.go'], []],
    [{ 'a.go': 'f644:1' }, { 'a.go': 'f644:1' }, [], []],
    [{ 'a.go': 'f644:1' }, { 'a.go': 'f644:2' }, ['a.go'], []],
    [{ 'run.sh': 'f644:1' }, { 'run.sh': 'f755:1' }, ['run.sh'], []],
    [{ 'vendor/x': 'l:../staging/x' }, { 'vendor/x': 'l:../other/x' }, ['vendor/x'], []],
    [{ 'b.go': 'f644:1', 'a.go': 'f644:1' }, { 'c.go': 'f644:1' }, ['c.go'], ['a.go', 'b.go']],
  ])('%j → %j', (prev, next, changed, removed) => {
    const wrap = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, d(v)]));
    expect(diffManifests(wrap(prev), wrap(next))).toEqual({ changed, removed });
  });
});

describe('planSync', () => {
  const files: Manifest = { 'a.go': d('f644:1'), 'b.go': d('f644:2') };
  it.each([
    ['nothing known: everything into a fresh volume', undefined, 't1', files, { fresh: true, send: ['a.go', 'b.go'], removed: [] }],
    ['a volume without a stamp', { token: 't1', files }, undefined, files, { fresh: true, send: ['a.go', 'b.go'], removed: [] }],
    ['a volume of another sync', { token: 't1', files }, 't2', files, { fresh: true, send: ['a.go', 'b.go'], removed: [] }],
    ['nothing changed', { token: 't1', files }, 't1', files, { fresh: false, send: [], removed: [] }],
    [
      'one file changed',
      { token: 't1', files },
      't1',
      { ...files, 'b.go': d('f644:3') },
      { fresh: false, send: ['b.go'], removed: [] },
    ],
    [
      'a file removed: no upload can delete it',
      { token: 't1', files },
      't1',
      { 'a.go': d('f644:1'), 'c.go': d('f644:4') },
      { fresh: true, send: ['a.go', 'c.go'], removed: ['b.go'] },
    ],
  ])('%s', (_name, known, token, next, plan) => {
    expect(planSync(known, token, next)).toEqual(plan);
  });
});

describe('scanTree', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-scan-'));
    const w = (rel: string, text: string, mode = 0o644): void => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
      fs.chmodSync(path.join(root, rel), mode);
    };
    w('go.mod', 'module example.com/m\n');
    w('cmd/app/main.go', 'package main\n');
    w('hack/run.sh', '#!/bin/sh\n', 0o755);
    w('staging/src/k8s.io/api/types.go', 'package api\n');
    fs.mkdirSync(path.join(root, 'vendor/k8s.io'), { recursive: true });
    fs.symlinkSync('../../staging/src/k8s.io/api', path.join(root, 'vendor/k8s.io/api'));
    w('_output/dockerized/bin/linux/amd64/app', 'binary');
    w('pkg/_output/keep.txt', 'not the build output');
    w('.git/HEAD', 'ref');
    w('pkg/.git/HEAD', 'ref');
    w('node_modules/x/index.js', '');
    w('.nx/cache/x', '');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists files and symlinks, skipping version control, node and Nx state and the build output', () => {
    const m = scanTree(root);
    expect(Object.keys(m)).toEqual([
      'cmd/app/main.go',
      'go.mod',
      'hack/run.sh',
      'pkg/_output/keep.txt',
      'staging/src/k8s.io/api/types.go',
      'vendor/k8s.io/api',
    ]);
    expect(m['vendor/k8s.io/api'].digest).toBe('l:../../staging/src/k8s.io/api');
    expect(m['hack/run.sh'].digest).toMatch(/^f755:[0-9a-f]{64}$/);
    expect(m['go.mod'].digest).toBe(`f644:${createHash('sha256').update('module example.com/m\n').digest('hex')}`);
  });

  it('reuses a digest while size and mtime are unchanged, and re-reads a file whose stat changed', () => {
    const file = path.join(root, 'cmd/app/main.go');
    const when = new Date('2024-05-01T12:00:00Z');
    fs.utimesSync(file, when, when);
    const first = scanTree(root);
    // Same size and mtime: trusted without reading (this is what makes a rescan cheap).
    fs.writeFileSync(file, 'package zzzz\n');
    fs.utimesSync(file, when, when);
    expect(scanTree(root, first)['cmd/app/main.go']).toEqual(first['cmd/app/main.go']);
    fs.utimesSync(file, when, new Date(when.getTime() + 5000));
    const again = scanTree(root, first);
    expect(again['cmd/app/main.go'].digest).not.toBe(first['cmd/app/main.go'].digest);
    expect(diffManifests(first, again)).toEqual({ changed: ['cmd/app/main.go'], removed: [] });
  });
});

describe('readSyncState', () => {
  it('starts empty when the file is missing or not ours', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-state-'));
    try {
      expect(readSyncState(path.join(dir, 'none.json'))).toEqual({ version: 1, volumes: {} });
      fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 0}');
      expect(readSyncState(path.join(dir, 'bad.json'))).toEqual({ version: 1, volumes: {} });
      fs.writeFileSync(path.join(dir, 'torn.json'), '{"version": 1, "vol');
      expect(readSyncState(path.join(dir, 'torn.json'))).toEqual({ version: 1, volumes: {} });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
