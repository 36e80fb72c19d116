/**
 * The one wrapper every executor runs in: SIGINT/SIGTERM trapped as an
 * AbortSignal, any failure logged as one error line, cleanups run in
 * `finally`, then the trap released (ending the process as the signal would).
 */
import { logger } from '@nx/devkit';
import { InterruptedError, SignalTrap, trapSignals } from './signals';

export interface ExecutorRun {
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Throws InterruptedError for `what` when a signal arrived. */
  checkInterrupted(what: string): void;
  /** Runs `cleanup` when the executor ends, however it ends; the last registered runs first. */
  onRelease(cleanup: () => void): void;
}

export interface ExecutorWrapOptions {
  /** The line for an interrupted run; without it an interruption reports its error's message. */
  interrupted?: (signal: NodeJS.Signals | undefined) => string;
  /** Where error lines go (default Nx's logger). */
  error?: (line: string) => void;
  trap?: () => SignalTrap;
}

/** The one error line of a failed run. Pure. */
export function errorLine(err: unknown, signal: NodeJS.Signals | undefined, interrupted?: ExecutorWrapOptions['interrupted']): string {
  if (interrupted && (signal || err instanceof InterruptedError)) return interrupted(signal);
  return err instanceof Error ? err.message : String(err);
}

export async function runExecutor<T extends { success: boolean }>(
  body: (run: ExecutorRun) => Promise<T>,
  opts: ExecutorWrapOptions = {},
): Promise<T | { success: false }> {
  const trap = (opts.trap ?? trapSignals)();
  const cleanups: (() => void)[] = [];
  const run: ExecutorRun = {
    signal: trap.signal,
    received: () => trap.received(),
    checkInterrupted: (what) => {
      if (trap.received()) throw new InterruptedError(what);
    },
    onRelease: (cleanup) => cleanups.push(cleanup),
  };
  try {
    return await body(run);
  } catch (err) {
    (opts.error ?? ((line: string) => logger.error(line)))(errorLine(err, trap.received(), opts.interrupted));
    return { success: false };
  } finally {
    for (const cleanup of cleanups.reverse()) cleanup();
    trap.release();
  }
}
