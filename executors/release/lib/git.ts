/** The few git facts a release needs: commit time, tree state, the committed tree itself. */
import { spawn } from 'child_process';
import { createWriteStream, promises as fsp } from 'fs';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import * as tarStream from 'tar-stream';
import execa = require('execa');
import { checkEntryName } from '../../shared/archive/tar';

async function git(cwd: string, args: string[]): Promise<string> {
  const r = await execa('git', args, { cwd, reject: false });
  if (r.exitCode !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${(r.stderr || r.stdout || `exit code ${r.exitCode}`).trim()}`);
  }
  return r.stdout;
}

export async function isGitWorkTree(dir: string): Promise<boolean> {
  const r = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false });
  return r.exitCode === 0 && r.stdout.trim() === 'true';
}

/** True when `git status --porcelain` shows nothing under dir (untracked files count as changes). */
export async function isTreeClean(dir: string): Promise<boolean> {
  return (await git(dir, ['status', '--porcelain', '--', '.'])).trim() === '';
}

/**
 * Extracts HEAD's tree of `dir` (`git archive HEAD:<dir>`) into `dest`, so
 * paths are relative to dir. Symlinks are recreated as links.
 */
export async function extractHeadTree(dir: string, dest: string): Promise<void> {
  const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).trim().replace(/\/$/, '');
  // From a subdirectory git archive also filters by it, which finds nothing inside HEAD:<prefix>.
  const top = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  const treeish = prefix ? `HEAD:${prefix}` : 'HEAD';
  const args = ['archive', '--format=tar', treeish];
  await fsp.mkdir(dest, { recursive: true });

  const child = spawn('git', args, { cwd: top, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });

  const extract = tarStream.extract();
  const extracted = writeEntries(extract, dest);

  let extractError: unknown;
  let killed = false;
  const done = extracted.catch((err: unknown) => {
    extractError = err;
    killed = child.exitCode === null && child.kill();
  });
  child.stdout.on('error', () => undefined);
  child.stdout.pipe(extract);
  const code = await exited;
  await done;
  if (code !== 0 && !killed) {
    throw new Error(`git ${args.join(' ')} failed in ${top}: ${stderr.trim()}`);
  }
  if (extractError) throw extractError;
}

/** Writes the file, directory and symlink entries of a tar stream under `dest`, never through a symlink it wrote. */
async function writeEntries(extract: tarStream.Extract, dest: string): Promise<void> {
  const links = new Set<string>();
  for await (const entry of extract) {
    const h = entry.header;
    if (h.type !== 'file' && h.type !== 'directory' && h.type !== 'symlink') {
      entry.resume();
      continue;
    }
    const name = checkEntryName(h.name);
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (links.has(parts.slice(0, i).join('/'))) {
        throw new Error(`git archive entry "${name}" lies under a symlink; refusing to write through it.`);
      }
    }
    const target = path.join(dest, ...parts);
    if (h.type === 'directory') {
      await fsp.mkdir(target, { recursive: true });
      entry.resume();
    } else if (h.type === 'symlink') {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.symlink(h.linkname, target);
      links.add(name);
      entry.resume();
    } else {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await pipeline(entry, createWriteStream(target, { mode: h.mode & 0o777 }));
    }
  }
}
