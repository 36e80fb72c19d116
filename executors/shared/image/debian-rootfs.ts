/**
 * A Debian root filesystem as a tarball, made offline from any image
 * registry by mmdebstrap straight from Debian's apt repositories. Downloaded
 * packages are kept in a cache dir on this machine, so the next image needs
 * no download.
 */
import execa from 'execa';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withLock } from '../nx/lock';
import { InterruptedError } from '../nx/signals';

/** Debian release of the cgo image (kube-cross is on bookworm too). */
export const DEBIAN_SUITE = 'bookworm';
export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';

/** What builds never read: docs, manuals, translations. */
const EXCLUDED_PATHS = ['/usr/share/doc/*', '/usr/share/man/*', '/usr/share/info/*', '/usr/share/locale/*'];

export interface RootfsDefinition {
  suite: string;
  mirror: string;
  /** Debian architectures, native first. */
  architectures: string[];
  packages: string[];
}

/** Where downloaded .deb files are kept between images: NX_KUBE_BUILD_APT_CACHE, else the user's cache dir. */
export function aptCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NX_KUBE_BUILD_APT_CACHE) return path.resolve(env.NX_KUBE_BUILD_APT_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'nx-kube-build', 'apt');
}

/** mmdebstrap's argv. Pure. */
export function mmdebstrapArgs(def: RootfsDefinition, output: string, cacheDir: string): string[] {
  // Single quotes: mmdebstrap runs hooks with sh.
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '--variant=minbase',
    `--architectures=${def.architectures.join(',')}`,
    `--include=${def.packages.join(',')}`,
    ...EXCLUDED_PATHS.map((p) => `--dpkgopt=path-exclude=${p}`),
    // The cache: .debs copied in before apt runs and back out after (mmdebstrap's documented recipe).
    '--skip=download/empty',
    '--skip=essential/unlink',
    `--setup-hook=mkdir -p "$1"/var/cache/apt/archives/`,
    `--setup-hook=sync-in ${q(`${cacheDir}/`)} /var/cache/apt/archives/`,
    `--customize-hook=sync-out /var/cache/apt/archives/ ${q(`${cacheDir}/`)}`,
    def.suite,
    output,
    def.mirror,
  ];
}

/** mmdebstrap fetching a few hundred MB of compilers takes minutes; a waiter gives up after this. */
const APT_CACHE_LOCK_TIMEOUT_MS = 30 * 60_000;

/**
 * Writes the root filesystem of `def` to `output` (a .tar). Missing
 * mmdebstrap, or apt failing, is one error naming what to do, with
 * mmdebstrap's last lines.
 */
export async function makeRootfs(
  def: RootfsDefinition,
  output: string,
  onOutput: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const cacheDir = aptCacheDir();
  fs.mkdirSync(cacheDir, { recursive: true });
  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString();
    onOutput(text);
    tail.push(...text.split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 15));
  };
  // One mmdebstrap at a time per cache dir: another checkout's sync-out must not be read half-written.
  const r = await withLock(`${cacheDir}.lock`, () => runMmdebstrap(mmdebstrapArgs(def, output, cacheDir), keep, signal), {
    what: `the apt cache ${cacheDir}`,
    timeoutMs: APT_CACHE_LOCK_TIMEOUT_MS,
    onWait: (pid) => onOutput(`Waiting for pid ${pid ?? 'unknown'} to finish with the apt cache ${cacheDir}\n`),
    signal,
  });
  if (signal?.aborted) throw new InterruptedError('mmdebstrap');
  if ((r as { code?: string }).code === 'ENOENT') {
    throw new Error(
      'cgo builds assemble their image with mmdebstrap, which is not installed: apt-get install mmdebstrap (Debian/Ubuntu), or set the image option to a ready image with a C toolchain.',
    );
  }
  if (r.exitCode !== 0) {
    throw new Error(
      `mmdebstrap could not assemble the cgo image's Debian ${def.suite} (${def.architectures.join(', ')}) from ${def.mirror}${
        r.exitCode === undefined ? '' : ` (exit code ${r.exitCode})`
      }: check that the mirror is reachable and every cgoPackages name exists in ${def.suite} for each architecture. Last output:\n${tail.join('\n')}`,
    );
  }
}

function runMmdebstrap(args: string[], keep: (chunk: Buffer) => void, signal?: AbortSignal): Promise<execa.ExecaReturnValue> {
  const child = execa('mmdebstrap', args, { stdin: 'ignore', reject: false });
  const stop = (): void => void child.kill('SIGTERM');
  signal?.addEventListener('abort', stop);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child.finally(() => signal?.removeEventListener('abort', stop));
}
