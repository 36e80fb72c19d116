import { spawnSync, SpawnSyncReturns } from 'child_process';
import { NX_BIN } from './paths';

export interface NxResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

/** Runs the real nx CLI in `cwd`, daemon and cloud off, as CI does. */
export function nx(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): NxResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [NX_BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', CI: 'true', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  return { code: r.status ?? 1, stdout, stderr, output: stdout + stderr };
}

/** nx, failing the test with nx's own output when it exits non-zero. */
export function nxOk(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): NxResult {
  const r = nx(cwd, args, env);
  if (r.code !== 0) throw new Error(`nx ${args.join(' ')} exited ${r.code}:\n${r.output}`);
  return r;
}
