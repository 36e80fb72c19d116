/**
 * Every build row runs with the Nx daemon off (CI) and on (a developer's
 * machine). With it on, the daemon is stopped before and after, and one
 * untimed command starts it, so a row measures a running daemon, as users
 * meet it, and none is left behind.
 */
import { nx, nxEnv } from './measure';

export type DaemonMode = 'off' | 'on';

export const DAEMON_MODES: readonly DaemonMode[] = ['off', 'on'];

export const daemonEnv = (mode: DaemonMode): NodeJS.ProcessEnv => ({ NX_DAEMON: mode === 'on' ? 'true' : 'false' });

export function stopDaemon(ws: string): void {
  nx(ws, ['daemon', '--stop'], nxEnv(ws, daemonEnv('on')), true);
}

/** Runs `fn` with the daemon of `ws` in `mode`: for `on`, started before and stopped after, whatever happens. */
export async function withDaemon<T>(ws: string, mode: DaemonMode, fn: () => T | Promise<T>): Promise<T> {
  if (mode === 'off') return fn();
  stopDaemon(ws);
  try {
    nx(ws, ['show', 'projects'], nxEnv(ws, daemonEnv('on')));
    return await fn();
  } finally {
    stopDaemon(ws);
  }
}
