import type { ExecutorContext } from '@nx/devkit';
import crossExecutor, { CrossDeps, runCross } from './executor';
import { mapLimit } from './lib/pool';
import { resolveParallel, selectPlatforms } from './lib/select';
import { formatCrossSummary } from './lib/summary';

const LINUX_AMD64 = { os: 'linux', arch: 'amd64' };
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64'];

function fakeNx(failing: string[] = []) {
  const calls: string[][] = [];
  let running = 0;
  let maxRunning = 0;
  const run = async (_root: string, args: string[]) => {
    calls.push(args);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, 10));
    running--;
    return failing.some((c) => args.includes(`--configuration=${c}`)) ? 1 : 0;
  };
  return { calls, run, max: () => maxRunning };
}

const deps = (run: CrossDeps['runNx'], env: NodeJS.ProcessEnv = {}, extra: Partial<CrossDeps> = {}): CrossDeps => ({
  runNx: run,
  env,
  host: LINUX_AMD64,
  ...extra,
});

describe('runCross', () => {
  it('runs one nested build per platform, each its own cached task', async () => {
    const nx = fakeNx();
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(nx.run));
    expect(nx.calls).toEqual([
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=linux-amd64'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=linux-arm64'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=windows-amd64'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=darwin-arm64'],
    ]);
    expect(results.map((r) => [r.platform, r.exitCode])).toEqual(PLATFORMS.map((p) => [p, 0]));
  });

  it('runs at most `parallel` platforms at once, with static output so they do not redraw over each other', async () => {
    const nx = fakeNx();
    await runCross({ platforms: PLATFORMS, parallel: 2, target: 'compile' }, 'kubectl', '/w', deps(nx.run));
    expect(nx.max()).toBe(2);
    expect(nx.calls[0]).toEqual(['run-many', '--targets=compile', '--projects=kubectl', '--configuration=linux-amd64', '--outputStyle=static']);
  });

  it('takes nx.json parallel when the option is unset', async () => {
    const nx = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(nx.run, {}, { nxJsonParallel: 3 }));
    expect(nx.max()).toBe(3);
  });

  it('builds every platform even after one fails, and reports each', async () => {
    const nx = fakeNx(['linux-arm64']);
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(nx.run));
    expect(results.map((r) => [r.platform, r.exitCode])).toEqual([
      ['linux/amd64', 0],
      ['linux/arm64', 1],
      ['windows/amd64', 0],
      ['darwin/arm64', 0],
    ]);
  });

  it('narrows to KUBE_BUILD_PLATFORMS and to the host with KUBE_FASTBUILD', async () => {
    const a = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(a.run, { KUBE_BUILD_PLATFORMS: 'darwin/arm64 linux/arm64' }));
    expect(a.calls.map((c) => c[3])).toEqual(['--configuration=linux-arm64', '--configuration=darwin-arm64']);
    const b = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(b.run, { KUBE_FASTBUILD: 'true' }));
    expect(b.calls.map((c) => c[3])).toEqual(['--configuration=linux-amd64']);
  });

  it('starts nothing more once interrupted', async () => {
    const controller = new AbortController();
    const nx = fakeNx();
    const run: CrossDeps['runNx'] = async (r, args) => {
      controller.abort();
      return nx.run(r, args);
    };
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(run, {}, { signal: controller.signal }));
    expect(results.map((r) => r.exitCode)).toEqual([0, undefined, undefined, undefined]);
  });
});

describe('selectPlatforms', () => {
  it('names what was asked and what exists when narrowing leaves nothing', () => {
    expect(() => selectPlatforms(['linux/amd64', 'linux/arm64'], { KUBE_BUILD_PLATFORMS: 'windows/amd64' }, LINUX_AMD64, 'kube-apiserver')).toThrow(
      new Error('KUBE_BUILD_PLATFORMS="windows/amd64" leaves no platform for kube-apiserver: it supports linux/amd64, linux/arm64.'),
    );
    expect(() => selectPlatforms(['linux/arm64'], { KUBE_FASTBUILD: 'true' }, LINUX_AMD64, 'kube-apiserver')).toThrow(
      new Error('KUBE_FASTBUILD=true (linux/amd64 on a linux/amd64 host) leaves no platform for kube-apiserver: it supports linux/arm64.'),
    );
  });

  it('rejects an empty platform list', () => {
    expect(() => selectPlatforms([], {}, LINUX_AMD64, 'tool')).toThrow(
      new Error('tool has no platforms to cross-build; list them in the cross target\'s "platforms" option (e.g. ["linux/amd64"]).'),
    );
  });

  it('refuses a KUBE_BUILD_PLATFORMS entry the binary\'s build constraints rule out, naming the package', () => {
    const dropped = { 'darwin/arm64': 'build constraints exclude all Go files of example.com/r/pkg/dmz on darwin/arm64: dmz_linux.go (file name)' };
    expect(() => selectPlatforms(['linux/amd64'], { KUBE_BUILD_PLATFORMS: 'linux/amd64 darwin/arm64' }, LINUX_AMD64, 'memfd-bind', dropped)).toThrow(
      new Error(`KUBE_BUILD_PLATFORMS asks for darwin/arm64, which memfd-bind cannot build: ${dropped['darwin/arm64']}.`),
    );
    expect(selectPlatforms(['linux/amd64', 'linux/arm64'], { KUBE_BUILD_PLATFORMS: 'linux/arm64' }, LINUX_AMD64, 'memfd-bind', dropped)).toEqual([
      { os: 'linux', arch: 'arm64' },
    ]);
  });

  it('drops repeats and accepts the configuration spelling', () => {
    expect(selectPlatforms(['linux/amd64', 'linux-amd64'], {}, LINUX_AMD64, 't')).toEqual([LINUX_AMD64]);
  });
});

describe('resolveParallel', () => {
  it.each<[number | undefined, number | undefined, NodeJS.ProcessEnv, number]>([
    [undefined, undefined, {}, 3],
    [undefined, undefined, { NX_PARALLEL: '5' }, 5],
    [undefined, 4, { NX_PARALLEL: '5' }, 4],
    [2, 4, { NX_PARALLEL: '5' }, 2],
  ])('option %j, nx.json %j, env %j → %j', (option, nxJson, env, expected) => {
    expect(resolveParallel(option, nxJson, env)).toBe(expected);
  });

  it('rejects a bad value, naming where it came from', () => {
    expect(() => resolveParallel(undefined, undefined, { NX_PARALLEL: 'many' })).toThrow(
      new Error('NX_PARALLEL must be a positive integer, got "many"; set 1 or more.'),
    );
    expect(() => resolveParallel(0, undefined, {})).toThrow(new Error('parallel must be a positive integer, got 0; set 1 or more.'));
  });
});

describe('mapLimit', () => {
  it('keeps input order in its results', async () => {
    const out = await mapLimit([30, 10, 20], 3, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms;
    });
    expect(out).toEqual([30, 10, 20]);
  });
});

describe('formatCrossSummary', () => {
  it('prints a platform → result table', () => {
    expect(
      formatCrossSummary('kubectl', [
        { platform: 'linux/amd64', exitCode: 0, seconds: 1.25 },
        { platform: 'windows/amd64', exitCode: 2, seconds: 10 },
        { platform: 'darwin/arm64' },
      ]),
    ).toBe(
      [
        'Cross build of kubectl:',
        '  platform       result           time',
        '  linux/amd64    ok               1.3s',
        '  windows/amd64  failed (exit 2)  10.0s',
        '  darwin/arm64   not run',
      ].join('\n'),
    );
  });
});

describe('crossExecutor', () => {
  it('fails without starting nx when the platforms are invalid', async () => {
    const context = { root: '/nonexistent', projectName: 'kubectl', cwd: '/', isVerbose: false } as unknown as ExecutorContext;
    await expect(crossExecutor({ platforms: ['linux/x64'] }, context)).resolves.toEqual({ success: false });
  });
});
