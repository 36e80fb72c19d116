import { parsePlatform } from '../../../plugin/platforms';
import { cgoImageRequest, leaseEngine } from './lease';
import { tempModule } from './steps.spec-helpers';

describe('leaseEngine', () => {
  const mod = tempModule();
  afterAll(() => mod.cleanup());

  it('prepares an engine of the pool option and releases the lease when the run ends', async () => {
    const release = jest.fn();
    const prepare = jest.fn().mockResolvedValue({ engine: {}, image: { tag: 't' }, release });
    const cleanups: (() => void)[] = [];
    const run = { signal: new AbortController().signal, received: () => undefined, checkInterrupted: () => undefined, onRelease: (c: () => void) => cleanups.push(c) };
    const o = { ...mod.options(), engines: ['unix:///a.sock', 'tcp://10.0.0.6:2376'] };
    await leaseEngine(o, run, { info: () => undefined, warn: () => undefined }, prepare);
    expect(prepare.mock.calls[0][1].engines.map((e: { url: string }) => e.url)).toEqual(['unix:///a.sock', 'tcp://10.0.0.6:2376']);
    expect(release).not.toHaveBeenCalled();
    cleanups.forEach((c) => c());
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('asks for the cgo image only for a cgo build: the cgo platforms of the module that have a compiler, plus its own', () => {
    const o = { ...mod.options('linux/s390x'), cgoPlatforms: ['linux/arm64', 'darwin/arm64', 'linux/amd64'].map(parsePlatform), cgoPackages: ['zlib1g-dev', 'libseccomp-dev', 'zlib1g-dev'] };
    expect(cgoImageRequest({ ...o, cgo: false })).toBeUndefined();
    expect(cgoImageRequest({ ...o, cgo: true })).toEqual({
      platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x'].map(parsePlatform),
      packages: ['libseccomp-dev', 'zlib1g-dev'],
    });
  });
});
