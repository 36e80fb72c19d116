import { errorLine, runExecutor } from './executor';
import { InterruptedError, SignalTrap } from './signals';

function fakeTrap(got?: NodeJS.Signals): { trap: () => SignalTrap; released: () => boolean } {
  let released = false;
  const controller = new AbortController();
  if (got) controller.abort();
  return {
    trap: () => ({ signal: controller.signal, received: () => got, release: () => void (released = true) }),
    released: () => released,
  };
}

describe('errorLine', () => {
  const interrupted = (sig?: NodeJS.Signals) => `go build was interrupted${sig ? ` by ${sig}` : ''}.`;
  it.each([
    ['a plain failure', new Error('main is required.'), undefined, 'main is required.'],
    ['a signal', new Error('exit 2'), 'SIGINT', 'go build was interrupted by SIGINT.'],
    ['an abort without a signal', new InterruptedError('Container x'), undefined, 'go build was interrupted.'],
  ] as const)('%s', (_, err, sig, want) => {
    expect(errorLine(err, sig, interrupted)).toBe(want);
  });

  it('reports the message of an interruption when the executor has no line for it', () => {
    expect(errorLine(new InterruptedError('The release'), 'SIGTERM')).toBe('The release was interrupted.');
  });
});

describe('runExecutor', () => {
  it('returns the body result, runs cleanups last-first and releases the trap', async () => {
    const t = fakeTrap();
    const order: string[] = [];
    const out = await runExecutor(
      async (run) => {
        run.onRelease(() => order.push('first'));
        run.onRelease(() => order.push('second'));
        return { success: true, tag: 'x' };
      },
      { trap: t.trap },
    );
    expect(out).toEqual({ success: true, tag: 'x' });
    expect(order).toEqual(['second', 'first']);
    expect(t.released()).toBe(true);
  });

  it('turns a throw into one error line and success false, still cleaning up', async () => {
    const t = fakeTrap('SIGINT');
    const lines: string[] = [];
    let cleaned = false;
    const out = await runExecutor(
      async (run) => {
        run.onRelease(() => void (cleaned = true));
        run.checkInterrupted('go build');
        return { success: true };
      },
      { trap: t.trap, error: (l) => lines.push(l), interrupted: (sig) => `stopped by ${sig}` },
    );
    expect(out).toEqual({ success: false });
    expect(lines).toEqual(['stopped by SIGINT']);
    expect(cleaned).toBe(true);
    expect(t.released()).toBe(true);
  });

  it('traps real signals by default and removes the handlers after', async () => {
    const before = process.listenerCount('SIGINT');
    const during = await runExecutor(async () => ({ success: true, n: process.listenerCount('SIGINT') }));
    expect((during as { n: number }).n).toBe(before + 1);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
