import type { NormalizedTestOptions } from './command';
import { leaseTestEngine } from './lease';

describe('leaseTestEngine', () => {
  it('prepares the engine for the module and releases the lease when the run ends', async () => {
    const release = jest.fn();
    const lease = { engine: {}, image: { tag: 't' }, release };
    const prepare = jest.fn().mockResolvedValue(lease);
    const cleanups: (() => void)[] = [];
    const signal = new AbortController().signal;
    const o = { moduleRoot: 'mod', cacheVolume: 'gocache' } as NormalizedTestOptions;
    const log = (): void => undefined;
    await expect(leaseTestEngine('/ws', o, { signal, onRelease: (c) => cleanups.push(c) }, log, prepare)).resolves.toBe(lease);
    expect(prepare.mock.calls).toEqual([['/ws', o, log, signal]]);
    expect(release).not.toHaveBeenCalled();
    cleanups.forEach((c) => c());
    expect(release).toHaveBeenCalledTimes(1);
  });
});
