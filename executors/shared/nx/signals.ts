/** SIGINT/SIGTERM as an AbortSignal, so running work can clean up before the process ends. */

export interface SignalTrap {
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Removes the handlers; when a signal arrived, ends the process as that signal would. */
  release(): void;
}

const TRAPPED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export function trapSignals(proc: NodeJS.Process = process): SignalTrap {
  const controller = new AbortController();
  let got: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals): void => {
    if (got) return;
    got = sig;
    controller.abort();
  };
  for (const s of TRAPPED) proc.on(s, handler);
  return {
    signal: controller.signal,
    received: () => got,
    release: () => {
      for (const s of TRAPPED) proc.removeListener(s, handler);
      if (got) {
        proc.exitCode = CODES[got] ?? 1;
        // Let the caller's return value reach Nx, then end as interrupted.
        setTimeout(() => proc.exit(CODES[got!] ?? 1), 50).unref();
      }
    },
  };
}

/** Work stopped by a signal or an abort, as opposed to work that failed. */
export class InterruptedError extends Error {
  constructor(what: string) {
    super(`${what} was interrupted.`);
    this.name = 'InterruptedError';
  }
}
