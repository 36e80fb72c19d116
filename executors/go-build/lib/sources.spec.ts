import { placeSources } from './sources';
import { tempModule } from './steps.spec-helpers';

describe('placeSources', () => {
  const mod = tempModule();
  afterAll(() => mod.cleanup());
  const lease = (url: string) => ({ engine: { url } as never, image: { tag: 'kube-build:x', built: false } });

  it('mounts the checkout on a local engine and sends nothing', async () => {
    const sync = jest.fn();
    await expect(placeSources(mod.options(), lease('unix:///var/run/docker.sock'), () => undefined, sync)).resolves.toEqual({ kind: 'mount' });
    expect(sync).not.toHaveBeenCalled();
  });

  it('sends the module into a volume of an engine elsewhere', async () => {
    const sync = jest.fn().mockResolvedValue({ volume: 'kube-build-src-abc' });
    const placed = await placeSources(mod.options(), lease('tcp://10.0.0.5:2376'), () => undefined, sync);
    expect(placed).toEqual({ kind: 'volume', volume: 'kube-build-src-abc' });
    expect(sync).toHaveBeenCalledWith(expect.objectContaining({ moduleRoot: 'mod', image: 'kube-build:x', workspaceRoot: mod.ws }));
  });
});
