import execa from 'execa';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { computeVersionInfo, VERSION_RUNTIME_INPUT } from '../../../plugin/vocabulary/version';
import { readVersionInfo } from './git-version';

describe('readVersionInfo on a real repository', () => {
  let dir: string;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_AUTHOR_DATE: '@1700000000 +0000',
    GIT_COMMITTER_DATE: '@1700000000 +0000',
  };
  const git = (...args: string[]) => execa.sync('git', args, { cwd: dir, env });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-version-'));
    git('init', '-q');
    fs.writeFileSync(path.join(dir, 'a.go'), 'package a\n');
    git('add', '-A');
    git('commit', '-qm', 'one');
    git('tag', 'v1.1.0-alpha.0');
    fs.writeFileSync(path.join(dir, 'b.go'), 'package a\n');
    git('add', '-A');
    git('commit', '-qm', 'two');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads describe, commit, commit time and tree state', async () => {
    const head = git('rev-parse', 'HEAD').stdout.trim();
    const info = await readVersionInfo(dir, {});
    expect(info).toEqual({
      gitVersion: `v1.1.0-alpha.0.1+${head.slice(0, 14)}`,
      version: git('describe', '--tags', '--abbrev=14').stdout.trim(),
      gitCommit: head,
      gitCommitShort: git('rev-parse', '--short=12', 'HEAD').stdout.trim(),
      gitTreeState: 'clean',
      gitMajor: '1',
      gitMinor: '1+',
      buildDate: '2023-11-14T22:13:20Z',
      epoch: 1700000000,
    });
  });

  it('sees an untracked file as dirty, like the runtime input does', async () => {
    fs.writeFileSync(path.join(dir, 'c.go'), 'package a\n');
    try {
      expect((await readVersionInfo(dir, {})).gitTreeState).toBe('dirty');
      const out = execa.sync('sh', ['-c', VERSION_RUNTIME_INPUT], { cwd: dir }).stdout.trim().split('\n');
      expect(out[out.length - 1]).toBe('dirty');
    } finally {
      fs.rmSync(path.join(dir, 'c.go'));
    }
  });

  it('stamps nothing the runtime input does not print: every kind follows from its lines', async () => {
    fs.writeFileSync(path.join(dir, 'd.go'), 'package a\n');
    try {
      for (const env of [{}, { SOURCE_DATE_EPOCH: '42' }]) {
        const [describe, commit, time, state] = execa.sync('sh', ['-c', VERSION_RUNTIME_INPUT], { cwd: dir }).stdout.trim().split('\n');
        const fromInput = computeVersionInfo({ describe, commit, commitTime: Number(time), status: state === 'dirty' ? '?? d.go' : '' }, env);
        expect(await readVersionInfo(dir, env)).toEqual(fromInput);
      }
    } finally {
      fs.rmSync(path.join(dir, 'd.go'));
    }
  });

  it('has a runtime input printing the facts and tolerating a non-git folder', () => {
    const head = git('rev-parse', 'HEAD').stdout.trim();
    const out = execa.sync('sh', ['-c', VERSION_RUNTIME_INPUT], { cwd: dir }).stdout.trim().split('\n');
    expect(out).toEqual([`v1.1.0-alpha.0-1-g${head.slice(0, 14)}`, head, '1700000000', 'clean']);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-nogit-'));
    try {
      const r = execa.sync('sh', ['-c', VERSION_RUNTIME_INPUT], { cwd: plain, env: { ...process.env, GIT_CEILING_DIRECTORIES: os.tmpdir() } });
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim()).toBe('clean');
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });

  it('takes the facts from KUBE_GIT_VERSION_FILE instead of git, as version.sh does, and hashes the file', async () => {
    const file = path.join(dir, 'version.env');
    fs.writeFileSync(file, "KUBE_GIT_COMMIT='feedface00000000000000000000000000000000'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_VERSION='v1.31.2'\nKUBE_GIT_MAJOR='1'\nKUBE_GIT_MINOR='31'\n");
    try {
      const info = await readVersionInfo(dir, { KUBE_GIT_VERSION_FILE: 'version.env' });
      expect(info).toMatchObject({ gitVersion: 'v1.31.2', gitCommit: 'feedface00000000000000000000000000000000', gitTreeState: 'clean', gitMajor: '1', gitMinor: '31', epoch: 1700000000 });
      const out = execa.sync('sh', ['-c', VERSION_RUNTIME_INPUT], { cwd: dir, env: { ...process.env, KUBE_GIT_VERSION_FILE: 'version.env' } }).stdout;
      expect(out).toContain("KUBE_GIT_VERSION='v1.31.2'");
      await expect(readVersionInfo(dir, { KUBE_GIT_VERSION_FILE: 'nope.env' })).rejects.toThrow(
        `KUBE_GIT_VERSION_FILE=nope.env does not exist (looked at ${path.join(dir, 'nope.env')}): write it with nx-kube-build version --file nope.env, or unset it.`,
      );
    } finally {
      fs.rmSync(file);
    }
  });
});
