/**
 * The host Go toolchain as build-context entries: GOROOT (dereferenced, trimmed)
 * under toolchain/go/, and the libc + loader its binaries need under
 * toolchain/rootfs/, so a FROM scratch image can run it offline.
 */
import * as crypto from 'crypto';
import execa from 'execa';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readElfDeps } from './elf';

/** One file or directory of a build context. */
export interface ContextEntry {
  /** POSIX path inside the context. */
  name: string;
  type: 'file' | 'directory';
  mode: number;
  /** Host file to copy (already dereferenced), for files. */
  source?: string;
  size?: number;
}

/** Top-level GOROOT folders a build never reads. */
export const GOROOT_SKIPPED = ['test', 'api', 'doc', 'misc'];

export const TOOLCHAIN_GO = 'toolchain/go';
export const TOOLCHAIN_ROOTFS = 'toolchain/rootfs';

/** Writable by any --user, sticky like /tmp; a fresh named volume copies the mode. */
export const WORLD_WRITABLE_DIRS = ['tmp', 'go-cache'];

function skipInGoroot(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.length === 1 && GOROOT_SKIPPED.includes(parts[0])) return true;
  if (parts.length === 2 && parts[0] === 'pkg' && (parts[1].endsWith('_race') || parts[1] === 'obj')) return true;
  return false;
}

/**
 * GOROOT as context entries under `prefix`, following symlinks (Debian's GOROOT
 * links src/ and friends into /usr/share) and skipping what builds never read.
 */
export function gorootEntries(goroot: string, prefix = TOOLCHAIN_GO): ContextEntry[] {
  const out: ContextEntry[] = [{ name: prefix, type: 'directory', mode: 0o755 }];
  const active = new Set<string>();
  const walk = (dir: string, rel: string): void => {
    const real = fs.realpathSync(dir);
    if (active.has(real)) return; // symlink loop
    active.add(real);
    for (const name of fs.readdirSync(dir).sort()) {
      const childRel = rel ? `${rel}/${name}` : name;
      if (skipInGoroot(childRel)) continue;
      const full = path.join(dir, name);
      let st: fs.Stats;
      try {
        st = fs.statSync(full);
      } catch {
        continue; // dangling symlink
      }
      if (st.isDirectory()) {
        out.push({ name: `${prefix}/${childRel}`, type: 'directory', mode: st.mode & 0o777 });
        walk(full, childRel);
      } else if (st.isFile()) {
        out.push({ name: `${prefix}/${childRel}`, type: 'file', mode: st.mode & 0o777, source: full, size: st.size });
      }
    }
    active.delete(real);
  };
  walk(goroot, '');
  return out;
}

/** Executables whose dynamic needs must be met inside the image. */
export function toolchainExecutables(goroot: string): string[] {
  const dirs = [path.join(goroot, 'bin')];
  const toolRoot = path.join(goroot, 'pkg', 'tool');
  if (fs.existsSync(toolRoot)) {
    for (const d of fs.readdirSync(toolRoot).sort()) dirs.push(path.join(toolRoot, d));
  }
  const files: string[] = [];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      const full = path.join(d, f);
      if (fs.statSync(full).isFile()) files.push(full);
    }
  }
  return files;
}

export const DEFAULT_LIBRARY_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/lib64',
  '/usr/lib64',
  '/lib',
  '/usr/lib',
];

/** A library placed at `path` in the image, copied from `source` (dereferenced). */
export interface RuntimeLibrary {
  path: string;
  source: string;
}

/**
 * The loader and every DT_NEEDED library (transitively) of the given ELF files,
 * at the absolute paths the loader will look for them. Static binaries need none.
 */
export function runtimeLibraries(
  executables: string[],
  libraryDirs: string[] = DEFAULT_LIBRARY_DIRS,
  readDeps: typeof readElfDeps = readElfDeps,
): RuntimeLibrary[] {
  const found = new Map<string, RuntimeLibrary>();
  const queue = [...executables];
  const seen = new Set<string>();
  const dirs = [...libraryDirs];
  const add = (p: string): void => {
    if (!found.has(p) && fs.existsSync(p)) {
      const source = fs.realpathSync(p);
      found.set(p, { path: p, source });
      queue.push(source);
    }
  };
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const deps = readDeps(file);
    if (!deps) continue;
    if (deps.interp) {
      // The loader's own folder is where its distribution keeps libc.
      if (fs.existsSync(deps.interp)) {
        const dir = path.dirname(fs.realpathSync(deps.interp));
        if (!dirs.includes(dir)) dirs.unshift(dir);
      }
      add(deps.interp);
    }
    for (const soname of deps.needed) {
      const hit = soname.includes('/') ? soname : dirs.map((d) => path.join(d, soname)).find((p) => fs.existsSync(p));
      if (!hit) {
        throw new Error(
          `The Go toolchain needs ${soname} (from ${file}) but it is in none of ${dirs.join(', ')}: install it or use a Go tarball or a FROM golang:<version> Dockerfile.`,
        );
      }
      add(hit);
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Context entries for toolchain/rootfs/: libraries, their folders, and world-writable dirs. */
export function rootfsEntries(libs: RuntimeLibrary[], prefix = TOOLCHAIN_ROOTFS): ContextEntry[] {
  const out = new Map<string, ContextEntry>();
  out.set(prefix, { name: prefix, type: 'directory', mode: 0o755 });
  for (const d of WORLD_WRITABLE_DIRS) out.set(`${prefix}/${d}`, { name: `${prefix}/${d}`, type: 'directory', mode: 0o1777 });
  for (const lib of libs) {
    const parts = lib.path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const name = `${prefix}/${parts.slice(0, i).join('/')}`;
      if (!out.has(name)) out.set(name, { name, type: 'directory', mode: 0o755 });
    }
    const st = fs.statSync(lib.source);
    const name = `${prefix}/${parts.join('/')}`;
    out.set(name, { name, type: 'file', mode: st.mode & 0o777, source: lib.source, size: st.size });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    fs.createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve())
      .on('error', reject);
  });
  return hash.digest('hex');
}

/**
 * GOROOT of the `go` on PATH, asked with GOTOOLCHAIN=local from a neutral dir:
 * a go.mod's `go` or `toolchain` line never makes the probe download a
 * toolchain (the context's lines are checked against this Go afterwards).
 */
export async function hostGoroot(run: typeof execa = execa): Promise<string> {
  let stdout = '';
  try {
    ({ stdout } = await run('go', ['env', 'GOROOT'], { cwd: os.tmpdir(), env: { GOTOOLCHAIN: 'local' } }));
  } catch (e) {
    const err = e as { stderr?: string; shortMessage?: string; message: string };
    const said = (err.stderr ?? '').trim() || err.shortMessage || err.message.split('\n')[0];
    throw new Error(
      `No host Go toolchain for the build image: GOTOOLCHAIN=local go env GOROOT failed: ${said.split('\n').join(' ')}; install Go and put it first on PATH, set the goroot or goTarball option, or use a FROM golang:<version> Dockerfile.`,
    );
  }
  const goroot = stdout.trim();
  if (!goroot) throw new Error('No host Go toolchain for the build image: GOTOOLCHAIN=local go env GOROOT printed nothing; set the goroot or goTarball option.');
  return goroot;
}

/** "go1.19.8": GOROOT/VERSION when present, else the toolchain's own answer. */
export async function gorootVersion(goroot: string): Promise<string> {
  const file = path.join(goroot, 'VERSION');
  if (fs.existsSync(file)) {
    const first = fs.readFileSync(file, 'utf8').split('\n')[0].trim();
    if (/^go\d/.test(first)) return first;
  }
  const { stdout } = await execa(path.join(goroot, 'bin', 'go'), ['env', 'GOVERSION'], {
    env: { GOROOT: goroot, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    extendEnv: false,
  });
  return stdout.trim();
}
