/** Host mode: the same go command with the host toolchain and an explicit env. */
import execa from 'execa';
import type { Writable } from 'stream';
import { InterruptedError } from '../nx/signals';

/** Host variables the host go needs to find itself and its caches. */
export const HOST_PASSTHROUGH_ENV = ['PATH', 'HOME', 'TMPDIR', 'GOROOT', 'GOPATH', 'GOCACHE', 'GOMODCACHE', 'GOTOOLCHAIN'];

/** The container env plus only what locates the host toolchain. Pure. */
export function hostGoEnv(goEnv: Record<string, string>, hostEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of HOST_PASSTHROUGH_ENV) {
    const v = hostEnv[k];
    if (v !== undefined && v !== '') env[k] = v;
  }
  return { ...env, ...goEnv };
}

/** Runs `go <args>` with live output (into `output` when given, else this process's); returns the exit code. */
export async function runHostGo(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; signal?: AbortSignal; output?: { stdout: Writable; stderr: Writable } },
): Promise<number> {
  if (opts.signal?.aborted) throw new InterruptedError('go');
  const child = execa('go', args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    stdio: ['ignore', opts.output ? 'pipe' : 'inherit', opts.output ? 'pipe' : 'inherit'],
    buffer: false,
    reject: false,
  });
  const drained = opts.output ? drain(child, opts.output) : Promise.resolve();
  const onAbort = (): void => {
    child.kill('SIGTERM');
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const r = await child;
    await drained;
    if (opts.signal?.aborted) throw new InterruptedError('go');
    const failure = r as { code?: string; shortMessage?: string };
    if (failure.code === 'ENOENT' || (r.failed && typeof r.exitCode !== 'number')) {
      throw new Error(`Cannot run the host go (${failure.shortMessage ?? r.command}): install Go on PATH, or use mode "docker".`);
    }
    return r.exitCode;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** Pipes the child's output into `output`; resolves once both streams ended. */
function drain(child: execa.ExecaChildProcess, output: { stdout: Writable; stderr: Writable }): Promise<void> {
  const ended = (from: NodeJS.ReadableStream | null, to: Writable): Promise<void> =>
    new Promise((resolve) => {
      if (!from) return resolve();
      from.on('end', () => resolve());
      from.on('error', () => resolve());
      from.pipe(to, { end: false });
    });
  return Promise.all([ended(child.stdout, output.stdout), ended(child.stderr, output.stderr)]).then(() => undefined);
}
