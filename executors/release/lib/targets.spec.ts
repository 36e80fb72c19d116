import { runNestedTargets } from './targets';
import { tempRelease, TempRelease } from './steps.spec-helpers';

describe('runNestedTargets', () => {
  let t: TempRelease;
  beforeAll(async () => {
    t = await tempRelease({
      groups: { server: { binaries: [{ project: 'kube-proxy', name: 'kube-proxy' }], platforms: ['linux/arm64'] } },
      testProjects: ['pkg-util'],
      images: ['kube-proxy'],
      parallel: 2,
    });
  });
  afterAll(() => t.cleanup());
  beforeEach(() => t.logs.splice(0));

  it('runs the tests, then the builds, then the images, in the workspace', async () => {
    const calls: string[] = [];
    const runNx = async (root: string, args: string[]) => (calls.push(`${root === t.ws ? 'ws' : root}: ${args.join(' ')}`), 0);
    await runNestedTargets(t.start, t.ws, { runNx, log: t.log });
    expect(calls).toEqual([
      'ws: run-many --targets=test --projects=pkg-util --parallel=2',
      'ws: run-many --targets=build --projects=kube-proxy --configuration=linux-arm64 --parallel=2',
      'ws: run-many --targets=image --projects=kube-proxy --configuration=linux-arm64 --parallel=2',
    ]);
    expect(t.logs).toEqual([]);
  });

  it.each([
    [{ runTests: false }, 'info: Skipping tests (runTests is false or KUBE_RELEASE_RUN_TESTS=n).'],
    [{ testProjects: [] }, 'info: No test projects given; packaging without tests.'],
  ])('says why no tests ran (%j)', async (over, line) => {
    const calls: string[][] = [];
    const start = { ...t.start, s: { ...t.start.s, ...over } };
    await runNestedTargets(start, t.ws, { runNx: async (_r, args) => (calls.push(args), 0), log: t.log });
    expect(calls.map((a) => a[1])).toEqual(['--targets=build', '--targets=image']);
    expect(t.logs).toEqual([line]);
  });

  it('stops after the step the signal fired in', async () => {
    const ac = new AbortController();
    const calls: string[][] = [];
    const runNx = async (_r: string, args: string[]) => (calls.push(args), ac.abort(), 0);
    await expect(runNestedTargets(t.start, t.ws, { runNx, log: t.log, signal: ac.signal })).rejects.toThrow(
      'The release was interrupted; release-tars is unchanged.',
    );
    expect(calls.map((a) => a[1])).toEqual(['--targets=test']);
  });
});
