import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { listTarGz } from '../../shared/archive/tar.spec-helpers';
import { extractHeadTree, isTreeClean } from './git';
import { resolveSettings } from './settings';
import { packageSource, walkTree, writeSourceTarball } from './source';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'a',
  GIT_AUTHOR_EMAIL: 'a@example.com',
  GIT_COMMITTER_NAME: 'a',
  GIT_COMMITTER_EMAIL: 'a@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'pipe' }).toString();

function write(root: string, rel: string, body: string, mode?: number) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), body);
  if (mode) chmodSync(path.join(root, rel), mode);
}

/** A repo whose Go module lives in workspace/, committed clean. */
function makeRepo(root: string): string {
  git(root, 'init', '-q', '-b', 'main');
  write(root, '.gitignore', '_output/\n*.local\n');
  write(root, 'outside.txt', 'not in the module');
  const mod = path.join(root, 'workspace');
  write(mod, 'go.mod', 'module example.com/w\n');
  write(mod, 'cmd/tool/main.go', 'package main\n');
  write(mod, 'hack/build.sh', '#!/bin/sh\n', 0o755);
  mkdirSync(path.join(mod, 'vendor/example.com'), { recursive: true });
  symlinkSync('../../cmd', path.join(mod, 'vendor/example.com/cmd'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'init');
  // Ignored files that must never reach the src tarball.
  write(mod, '_output/dockerized/bin/linux/amd64/tool', 'ELF');
  write(mod, 'notes.local', 'ignored');
  return mod;
}

describe('source tarball', () => {
  let root: string;
  let mod: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'src-'));
    mod = makeRepo(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('extracts the committed tree of the module only, links and modes kept', async () => {
    const dest = path.join(root, 'x');
    await extractHeadTree(mod, dest);
    const { entries } = await walkTree(dest, 'k');
    expect(entries.map((e) => `${e.type} ${e.name}${e.type === 'symlink' ? ` -> ${e.target}` : ''}`).sort()).toEqual([
      'directory k',
      'directory k/cmd',
      'directory k/cmd/tool',
      'directory k/hack',
      'directory k/vendor',
      'directory k/vendor/example.com',
      'file k/cmd/tool/main.go',
      'file k/go.mod',
      'file k/hack/build.sh',
      'symlink k/vendor/example.com/cmd -> ../../cmd',
    ]);
  });

  it('reports a failing git archive with git\'s message', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    git(empty, 'init', '-q');
    await expect(extractHeadTree(empty, path.join(root, 'y'))).rejects.toThrow(/^git archive --format=tar HEAD failed in .*: fatal: /);
  });

  it('takes the committed tree when the module is clean', async () => {
    expect(await isTreeClean(mod)).toBe(true);
    const dest = path.join(root, 'kubernetes-src.tar.gz');
    const scratch = path.join(root, 'scratch');
    const r = await writeSourceTarball({ moduleDir: mod, name: 'kubernetes', dest, scratch, mtime: 1700000000 });
    expect(r).toEqual({ from: 'git', skipped: [] });
    const listed = await listTarGz(dest);
    expect(listed.map((e) => `${e.name} ${e.mode.toString(8)}`)).toEqual([
      'kubernetes/ 755',
      'kubernetes/cmd/ 755',
      'kubernetes/cmd/tool/ 755',
      'kubernetes/cmd/tool/main.go 644',
      'kubernetes/go.mod 644',
      'kubernetes/hack/ 755',
      'kubernetes/hack/build.sh 755',
      'kubernetes/vendor/ 755',
      'kubernetes/vendor/example.com/ 755',
      'kubernetes/vendor/example.com/cmd 777',
    ]);
    expect(existsSync(scratch)).toBe(false);
  });

  it('takes the working tree, minus build output and tool state, when the module is not clean', async () => {
    write(mod, 'go.mod', 'module example.com/w\n\ngo 1.22\n');
    write(mod, 'new.go', 'package w\n');
    write(mod, '.nx/cache/x', 'nx');
    write(mod, 'node_modules/a/index.js', '');
    write(mod, 'sub/.git/HEAD', 'ref');
    write(root, 'outside-dirty.txt', 'outside');
    expect(await isTreeClean(mod)).toBe(false);
    const dest = path.join(root, 'kubernetes-src.tar.gz');
    const r = await writeSourceTarball({ moduleDir: mod, name: 'kubernetes', dest, scratch: path.join(root, 's'), mtime: 0 });
    expect(r.from).toBe('disk');
    const listed = await listTarGz(dest, { withBodies: true });
    expect(listed.map((e) => e.name)).toEqual([
      'kubernetes/',
      'kubernetes/cmd/',
      'kubernetes/cmd/tool/',
      'kubernetes/cmd/tool/main.go',
      'kubernetes/go.mod',
      'kubernetes/hack/',
      'kubernetes/hack/build.sh',
      'kubernetes/new.go',
      'kubernetes/notes.local',
      'kubernetes/sub/',
      'kubernetes/vendor/',
      'kubernetes/vendor/example.com/',
      'kubernetes/vendor/example.com/cmd',
    ]);
    expect(listed.find((e) => e.name === 'kubernetes/go.mod')?.body?.toString()).toBe(readFileSync(path.join(mod, 'go.mod'), 'utf8'));
  });

  it('sees changes outside the module as not its business', async () => {
    write(root, 'outside.txt', 'changed');
    expect(await isTreeClean(mod)).toBe(true);
  });
});

describe('packageSource', () => {
  let root: string;
  let mod: string;
  let logs: string[];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'src-step-'));
    mod = makeRepo(root);
    logs = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const start = () => ({ s: resolveSettings({ moduleRoot: '', name: 'k8s' }, {}), moduleDir: mod, version: { gitVersion: 'v1.0.0', epoch: 1700000000, buildDate: 'd' } });

  it('writes <name>-src.tar.gz into the finished dir, saying it came from the clean committed tree', async () => {
    mkdirSync(path.join(root, 'stage/fin'), { recursive: true });
    await expect(packageSource(start(), path.join(root, 'stage'), path.join(root, 'stage/fin'), { log })).resolves.toBe('k8s-src.tar.gz');
    expect((await listTarGz(path.join(root, 'stage/fin/k8s-src.tar.gz'))).map((e) => e.name)).toContain('k8s/cmd/tool/main.go');
    expect(logs).toEqual(['info: Source tarball taken from the committed tree (clean).']);
    expect(existsSync(path.join(root, 'stage/src'))).toBe(false);
  });

  it('warns about what the working tree holds that a tarball cannot', async () => {
    write(mod, 'new.go', 'package w\n');
    execFileSync('mkfifo', [path.join(mod, 'pipe')]);
    await packageSource(start(), path.join(root, 'stage'), root, { log });
    expect(logs).toEqual([
      'info: Source tarball taken from the working tree (not clean).',
      'warn: Left pipe out of the source tarball: it is not a file, directory or symlink.',
    ]);
  });
});
