/**
 * The src tarball (`<name>-src.tar.gz`): the committed tree when the module
 * is clean, else the module dir as it is on disk, as release.sh does.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import type { ReleaseDeps } from './deps';
import { extractHeadTree, isGitWorkTree, isTreeClean } from './git';
import { sourceTarballName } from './package';
import type { ReleaseStart } from './start';

/** Names never taken from disk, at any depth: build output, VCS and tool state. */
export const SOURCE_EXCLUDES: readonly string[] = ['_output', '.git', 'node_modules', '.nx'];

export interface WalkResult {
  entries: TarEntry[];
  /** Relative paths of things that are neither file, directory nor symlink (sockets, fifos). */
  skipped: string[];
}

/** Tar entries for everything under root, named `<prefix>/<relative path>`, symlinks kept as links. */
export async function walkTree(root: string, prefix: string, exclude: readonly string[] = []): Promise<WalkResult> {
  const entries: TarEntry[] = [{ type: 'directory', name: prefix }];
  const skipped: string[] = [];
  const excluded = new Set(exclude);
  const visit = async (rel: string): Promise<void> => {
    const dirents = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
    for (const d of dirents) {
      if (excluded.has(d.name)) continue;
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      const abs = path.join(root, childRel);
      const name = `${prefix}/${childRel}`;
      if (d.isSymbolicLink()) {
        entries.push({ type: 'symlink', name, target: await fsp.readlink(abs) });
      } else if (d.isDirectory()) {
        entries.push({ type: 'directory', name });
        await visit(childRel);
      } else if (d.isFile()) {
        entries.push({ type: 'file', name, source: abs });
      } else {
        skipped.push(childRel);
      }
    }
  };
  await visit('');
  return { entries, skipped };
}

export interface SourceTarballInput {
  /** Absolute module directory. */
  moduleDir: string;
  name: string;
  /** Absolute path of the tarball to write. */
  dest: string;
  /** Absolute scratch directory for the extracted committed tree; removed afterwards. */
  scratch: string;
  mtime: number;
  signal?: AbortSignal;
}

export interface SourceTarballResult {
  /** Where the files came from. */
  from: 'git' | 'disk';
  skipped: string[];
}

export async function writeSourceTarball(input: SourceTarballInput): Promise<SourceTarballResult> {
  const clean = (await isGitWorkTree(input.moduleDir)) && (await isTreeClean(input.moduleDir));
  if (!clean) {
    const { entries, skipped } = await walkTree(input.moduleDir, input.name, SOURCE_EXCLUDES);
    await writeTarGz(input.dest, entries, { mtime: input.mtime, signal: input.signal });
    return { from: 'disk', skipped };
  }
  try {
    await extractHeadTree(input.moduleDir, input.scratch);
    const { entries, skipped } = await walkTree(input.scratch, input.name);
    await writeTarGz(input.dest, entries, { mtime: input.mtime, signal: input.signal });
    return { from: 'git', skipped };
  } finally {
    await fsp.rm(input.scratch, { recursive: true, force: true });
  }
}

/** The release's source tarball into `finished`, saying where it came from and what it left out; returns its file name. */
export async function packageSource(
  { s, moduleDir, version }: Pick<ReleaseStart, 's' | 'moduleDir' | 'version'>,
  stage: string,
  finished: string,
  deps: Pick<ReleaseDeps, 'log' | 'signal'>,
): Promise<string> {
  const src = await writeSourceTarball({
    moduleDir,
    name: s.name,
    dest: path.join(finished, sourceTarballName(s.name)),
    scratch: path.join(stage, 'src'),
    mtime: version.epoch,
    signal: deps.signal,
  });
  deps.log.info(`Source tarball taken from ${src.from === 'git' ? 'the committed tree (clean)' : 'the working tree (not clean)'}.`);
  for (const skipped of src.skipped) deps.log.warn(`Left ${skipped} out of the source tarball: it is not a file, directory or symlink.`);
  return sourceTarballName(s.name);
}
