import { EventEmitter } from 'events';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { buildRunManyArgs, buildRunTasksRequest, nxChildEnv, NX_TASK_SCOPED_ENV, resolveNxBin, runManyPerConfiguration, runNx, RunManyOptions } from './nx-run';

describe('buildRunManyArgs', () => {
  it.each<[string, RunManyOptions, string[]]>([
    ['target and projects', { target: 'build', projects: ['kubelet'] }, ['run-many', '--targets=build', '--projects=kubelet']],
    [
      'every option',
      { target: 'build', projects: ['kubelet', 'kubectl'], configuration: 'linux-arm64', parallel: 4, outputStyle: 'static' },
      ['run-many', '--targets=build', '--projects=kubelet,kubectl', '--configuration=linux-arm64', '--parallel=4', '--outputStyle=static'],
    ],
    ['parallel 1', { target: 'test', projects: ['a'], parallel: 1 }, ['run-many', '--targets=test', '--projects=a', '--parallel=1']],
  ])('%s', (_name, opts, expected) => {
    expect(buildRunManyArgs(opts)).toEqual(expected);
  });

  it.each<[string, RunManyOptions, string]>([
    [
      'no projects',
      { target: 'build', projects: [] },
      'nx run-many -t build was given no projects; pass at least one, since an empty list would run every project.',
    ],
    [
      'comma in a name',
      { target: 'build', projects: ['a,b'] },
      'Project name "a,b" cannot be passed to nx run-many; names must be non-empty and contain no comma.',
    ],
    ['zero parallel', { target: 'build', projects: ['a'], parallel: 0 }, 'parallel must be a positive integer, got 0; pass 1 or more.'],
    ['no target', { target: '', projects: ['a'] }, 'nx run-many needs a target; pass one such as "build".'],
  ])('rejects %s', (_name, opts, message) => {
    expect(() => buildRunManyArgs(opts)).toThrow(new Error(message));
  });
});

describe('nxChildEnv', () => {
  it('drops task-scoped variables, keeps the rest, and turns the daemon off', () => {
    const outer: NodeJS.ProcessEnv = {
      PATH: '/bin',
      NX_TASK_TARGET_PROJECT: 'kubelet',
      NX_TASK_TARGET_TARGET: 'cross',
      NX_TASK_TARGET_CONFIGURATION: 'x',
      NX_TASK_HASH: '123',
      NX_TERMINAL_OUTPUT_PATH: '/tmp/out',
      NX_STREAM_OUTPUT: 'true',
      NX_PREFIX_OUTPUT: 'true',
      NX_WORKSPACE_ROOT_PATH: '/w',
      NX_INVOCATION_ANCESTOR_PIDS: '10,20',
      NX_SKIP_NX_CACHE: 'true',
      KUBE_BUILD_PLATFORMS: 'linux/amd64',
    };
    const env = nxChildEnv(outer);
    expect(env).toEqual({
      PATH: '/bin',
      NX_INVOCATION_ANCESTOR_PIDS: '10,20',
      NX_SKIP_NX_CACHE: 'true',
      KUBE_BUILD_PLATFORMS: 'linux/amd64',
      NX_DAEMON: 'false',
      NX_TUI: 'false',
      NX_FORCE_REUSE_CACHED_GRAPH: 'true',
    });
    expect(outer.NX_TASK_HASH).toBe('123');
  });

  it('keeps a daemon, TUI and graph choice the user made', () => {
    expect(nxChildEnv({ NX_DAEMON: 'true', NX_TUI: 'true', NX_FORCE_REUSE_CACHED_GRAPH: 'false' })).toEqual({
      NX_DAEMON: 'true',
      NX_TUI: 'true',
      NX_FORCE_REUSE_CACHED_GRAPH: 'false',
    });
  });

  it('lists every variable the task runner sets for one task', () => {
    for (const v of ['NX_TASK_TARGET_PROJECT', 'NX_TASK_TARGET_TARGET', 'NX_TASK_TARGET_CONFIGURATION', 'NX_TASK_HASH', 'NX_TERMINAL_OUTPUT_PATH', 'NX_STREAM_OUTPUT', 'NX_PREFIX_OUTPUT', 'NX_TERMINAL_CAPTURE_STDERR', 'NX_FORKED_TASK_EXECUTOR']) {
      expect(NX_TASK_SCOPED_ENV).toContain(v);
    }
    expect(NX_TASK_SCOPED_ENV).not.toContain('NX_INVOCATION_ANCESTOR_PIDS');
  });
});

describe('runNx', () => {
  let root: string;
  const FAKE_NX = `
const fs = require('fs');
fs.writeFileSync('report.json', JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), env: process.env }));
if (process.argv[2] === 'die') {
  process.kill(process.pid, 'SIGKILL');
} else if (process.argv[2] === 'wait') {
  process.on('SIGTERM', () => { fs.writeFileSync('got-sigterm', ''); process.exit(7); });
  fs.writeFileSync('ready', '');
  setInterval(() => {}, 1000);
} else {
  process.exit(Number(process.argv[2] || 0));
}
`;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'nx-run-'));
    mkdirSync(path.join(root, 'node_modules/nx/bin'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/nx/package.json'), JSON.stringify({ name: 'nx', version: '0.0.0' }));
    writeFileSync(path.join(root, 'node_modules/nx/bin/nx.js'), FAKE_NX);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the workspace nx in the workspace root with a clean env and returns its exit code', async () => {
    const code = await runNx(root, ['3', 'run-many', '--projects=a b'], {
      env: { PATH: process.env.PATH, NX_TASK_HASH: 'abc', KEEP: 'me' },
    });
    expect(code).toBe(3);
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8'));
    expect(report.args).toEqual(['3', 'run-many', '--projects=a b']);
    expect(report.cwd).toBe(root);
    expect(report.env.KEEP).toBe('me');
    expect(report.env.NX_TASK_HASH).toBeUndefined();
    expect(report.env.NX_DAEMON).toBe('false');
  });

  it('forwards SIGTERM to nx and returns the code nx exits with', async () => {
    const signals = new EventEmitter();
    const running = runNx(root, ['wait'], { env: { PATH: process.env.PATH }, signals });
    for (let i = 0; i < 200 && !existsSync(path.join(root, 'ready')); i++) await new Promise((r) => setTimeout(r, 25));
    signals.emit('SIGTERM', 'SIGTERM');
    await expect(running).resolves.toBe(7);
    expect(existsSync(path.join(root, 'got-sigterm'))).toBe(true);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('returns 128 + the signal number when nx is killed', async () => {
    await expect(runNx(root, ['die'], { env: { PATH: process.env.PATH } })).resolves.toBe(137);
  });

  it('names the workspace when nx is not installed there', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-nx-'));
    try {
      expect(() => resolveNxBin(empty)).toThrow(
        new Error(`Cannot find nx from ${empty}; install nx in the workspace (npm install -D nx).`),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('buildRunTasksRequest', () => {
  it('carries the tasks and a run-many line of their projects for the run\'s options, with no configuration', () => {
    const tasks = [
      { project: 'kubelet', target: 'build', configuration: 'linux-amd64' },
      { project: 'kubectl', target: 'build', configuration: 'linux-arm64' },
      { project: 'kubelet', target: 'build', configuration: 'linux-arm64' },
    ];
    expect(buildRunTasksRequest(tasks, { parallel: 2, outputStyle: 'static' })).toEqual({
      tasks,
      runMany: ['run-many', '--targets=build', '--projects=kubelet,kubectl', '--parallel=2', '--outputStyle=static'],
    });
  });

  it('refuses an empty task list', () => {
    expect(() => buildRunTasksRequest([], {})).toThrow(new Error('No tasks were given to run; name at least one project:target:configuration.'));
  });
});

describe('runManyPerConfiguration (the fallback for an nx whose internals the one runner cannot use)', () => {
  it('runs one nx run-many per configuration, in turn, and gives each task its run outcome', async () => {
    const calls: string[][] = [];
    const codes = [0, 1];
    const r = await runManyPerConfiguration(
      '/w',
      [
        { project: 'kubelet', target: 'build', configuration: 'linux-amd64' },
        { project: 'kubectl', target: 'build', configuration: 'linux-amd64' },
        { project: 'kubelet', target: 'build', configuration: 'linux-arm64' },
      ],
      { parallel: 2, runNx: async (_root, args) => (calls.push(args), codes.shift() ?? 0) },
    );
    expect(calls).toEqual([
      ['run-many', '--targets=build', '--projects=kubelet,kubectl', '--configuration=linux-amd64', '--parallel=2'],
      ['run-many', '--targets=build', '--projects=kubelet', '--configuration=linux-arm64', '--parallel=2'],
    ]);
    expect(r).toEqual({
      exitCode: 1,
      results: { 'kubelet:build:linux-amd64': 'success', 'kubectl:build:linux-amd64': 'success', 'kubelet:build:linux-arm64': 'failure' },
    });
  });

  it('stops after an interrupted run: later configurations never run', async () => {
    const calls: string[][] = [];
    const r = await runManyPerConfiguration(
      '/w',
      [
        { project: 'kubelet', target: 'build', configuration: 'linux-amd64' },
        { project: 'kubelet', target: 'build', configuration: 'linux-arm64' },
      ],
      { runNx: async (_root, args) => (calls.push(args), 130) },
    );
    expect(calls).toHaveLength(1);
    expect(r).toEqual({ exitCode: 130, results: { 'kubelet:build:linux-amd64': 'failure' } });
  });
});
