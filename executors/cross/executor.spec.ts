import type { ExecutorContext } from '@nx/devkit';
import crossExecutor, { CrossDeps, runCross } from './executor';
import { resolveParallel, selectPlatforms } from './lib/select';
import { checkAllBuilt, formatCrossSummary } from './lib/summary';
import type { NxTasksOptions } from '../shared/nx/nx-run';
import type { NamedTask } from '../shared/nx/task-selection';

const LINUX_AMD64 = { os: 'linux', arch: 'amd64' };
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64'];

/** Stands in for the one nested task runner: each task succeeds, fails or comes from the cache by configuration. */
function fakeNx(statuses: Record<string, string> = {}) {
  const calls: { tasks: string[]; opts: NxTasksOptions }[] = [];
  const run: CrossDeps['runTasks'] = async (_root, tasks: NamedTask[], opts) => {
    calls.push({ tasks: tasks.map((t) => `${t.project}:${t.target}:${t.configuration}`), opts });
    const results: Record<string, string> = {};
    for (const t of tasks) results[`${t.project}:${t.target}:${t.configuration}`] = statuses[t.configuration] ?? 'success';
    return { exitCode: Object.values(results).includes('failure') ? 1 : 0, results };
  };
  return { calls, run };
}

const deps = (run: CrossDeps['runTasks'], env: NodeJS.ProcessEnv = {}, extra: Partial<CrossDeps> = {}): CrossDeps => ({
  runTasks: run,
  env,
  host: LINUX_AMD64,
  ...extra,
});

describe('runCross', () => {
  it('runs every platform\'s build task in one nested run, each its own cached task', async () => {
    const nx = fakeNx();
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(nx.run));
    expect(nx.calls).toEqual([
      {
        tasks: ['kubectl:build:linux-amd64', 'kubectl:build:linux-arm64', 'kubectl:build:windows-amd64', 'kubectl:build:darwin-arm64'],
        opts: { parallel: 1, outputStyle: undefined },
      },
    ]);
    expect(results.map((r) => [r.platform, r.status])).toEqual(PLATFORMS.map((p) => [p, 'success']));
  });

  it('runs at most `parallel` platforms at once, with static output so they do not redraw over each other', async () => {
    const nx = fakeNx();
    await runCross({ platforms: PLATFORMS, parallel: 2, target: 'compile' }, 'kubectl', '/w', deps(nx.run));
    expect(nx.calls[0].opts).toEqual({ parallel: 2, outputStyle: 'static' });
    expect(nx.calls[0].tasks[0]).toBe('kubectl:compile:linux-amd64');
  });

  it('takes nx.json parallel when the option is unset', async () => {
    const nx = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(nx.run, {}, { nxJsonParallel: 3 }));
    expect(nx.calls[0].opts.parallel).toBe(3);
  });

  it('reports each platform: built, from the cache, failed, or never run', async () => {
    const nx = fakeNx({ 'linux-arm64': 'failure', 'windows-amd64': 'local-cache', 'darwin-arm64': 'skipped' });
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(nx.run));
    expect(results.map((r) => [r.platform, r.status])).toEqual([
      ['linux/amd64', 'success'],
      ['linux/arm64', 'failure'],
      ['windows/amd64', 'local-cache'],
      ['darwin/arm64', 'skipped'],
    ]);
  });

  it('narrows to KUBE_BUILD_PLATFORMS and to the host with KUBE_FASTBUILD', async () => {
    const a = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(a.run, { KUBE_BUILD_PLATFORMS: 'darwin/arm64 linux/arm64' }));
    expect(a.calls[0].tasks).toEqual(['kubectl:build:linux-arm64', 'kubectl:build:darwin-arm64']);
    const b = fakeNx();
    await runCross({ platforms: PLATFORMS }, 'kubectl', '/w', deps(b.run, { KUBE_FASTBUILD: 'true' }));
    expect(b.calls[0].tasks).toEqual(['kubectl:build:linux-amd64']);
  });

  it('starts nothing once interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const nx = fakeNx();
    const results = await runCross({ platforms: PLATFORMS, parallel: 1 }, 'kubectl', '/w', deps(nx.run, {}, { signal: controller.signal }));
    expect(nx.calls).toEqual([]);
    expect(results.map((r) => r.status)).toEqual([undefined, undefined, undefined, undefined]);
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

describe('formatCrossSummary', () => {
  it('prints a platform → result table', () => {
    expect(
      formatCrossSummary('kubectl', [
        { platform: 'linux/amd64', status: 'success' },
        { platform: 'linux/arm64', status: 'local-cache-kept-existing' },
        { platform: 'windows/amd64', status: 'failure' },
        { platform: 'darwin/arm64' },
      ]),
    ).toBe(
      [
        'Cross build of kubectl:',
        '  platform       result',
        '  linux/amd64    ok',
        '  linux/arm64    ok (cache)',
        '  windows/amd64  failed',
        '  darwin/arm64   not run',
      ].join('\n'),
    );
  });
});

describe('checkAllBuilt', () => {
  it('passes when every platform was built or came from a cache', () => {
    expect(() => checkAllBuilt('kubectl', [{ platform: 'linux/amd64', status: 'success' }, { platform: 'linux/arm64', status: 'remote-cache' }])).not.toThrow();
  });

  it('names every platform that failed or never ran', () => {
    const results = [
      { platform: 'linux/amd64', status: 'local-cache' },
      { platform: 'linux/arm64', status: 'failure' },
      { platform: 'windows/amd64', status: 'skipped' },
      { platform: 'darwin/arm64' },
    ];
    expect(() => checkAllBuilt('kubectl', results)).toThrow(
      new Error('kubectl did not build for linux/arm64, windows/amd64, darwin/arm64; see the output above.'),
    );
  });
});

describe('crossExecutor', () => {
  it('fails without starting nx when the platforms are invalid', async () => {
    const context = { root: '/nonexistent', projectName: 'kubectl', cwd: '/', isVerbose: false } as unknown as ExecutorContext;
    await expect(crossExecutor({ platforms: ['linux/x64'] }, context)).resolves.toEqual({ success: false });
  });
});
