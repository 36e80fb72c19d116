import { placeSources, sourceVolumeOf } from './place';

describe('placeSources', () => {
  const o = { sync: 'auto' as const, workspaceRoot: '/ws', moduleRoot: 'mod', moduleDir: '/ws/mod' };
  const lease = (url: string) => ({ engine: { url } as never, image: { tag: 'kube-build:x' } });

  it('mounts the checkout on a local engine and sends nothing', async () => {
    const sync = jest.fn();
    await expect(placeSources(o, lease('unix:///var/run/docker.sock'), () => undefined, sync)).resolves.toEqual({ kind: 'mount' });
    expect(sync).not.toHaveBeenCalled();
  });

  it('sends the module into a volume of an engine elsewhere', async () => {
    const sync = jest.fn().mockResolvedValue({ volume: 'kube-build-src-abc' });
    const placed = await placeSources(o, lease('tcp://10.0.0.5:2376'), () => undefined, sync);
    expect(placed).toEqual({ kind: 'volume', volume: 'kube-build-src-abc' });
    expect(sync).toHaveBeenCalledWith(expect.objectContaining({ moduleRoot: 'mod', moduleDir: '/ws/mod', image: 'kube-build:x', workspaceRoot: '/ws' }));
  });

  it.each([
    ['copy', 'unix:///var/run/docker.sock', true],
    ['mount', 'tcp://10.0.0.5:2376', false],
  ] as const)('sync %s on %s copies: %s', async (mode, url, copies) => {
    const sync = jest.fn().mockResolvedValue({ volume: 'v' });
    await placeSources({ ...o, sync: mode }, lease(url), () => undefined, sync);
    expect(sync).toHaveBeenCalledTimes(copies ? 1 : 0);
  });
});

describe('sourceVolumeOf', () => {
  it('names the volume of copied sources and nothing for a mount', () => {
    expect(sourceVolumeOf({ kind: 'volume', volume: 'v' })).toBe('v');
    expect(sourceVolumeOf({ kind: 'mount' })).toBeUndefined();
  });
});
