/**
 * Runs the workspace's own nx as a child process. Executors use it to reach
 * targets in a given configuration (dependsOn cannot pick one), so every
 * per-platform build stays its own cached Nx task.
 */
import { constants as osConstants } from 'os';
import execa = require('execa');
import type { RunTasksChannel, RunTasksRequest } from './run-tasks';
import { NamedTask, groupByConfiguration, namedTaskId } from './task-selection';

/** Output styles `nx run-many` accepts. */
export type NxOutputStyle =
  | 'dynamic'
  | 'dynamic-legacy'
  | 'static'
  | 'static-failures-only'
  | 'summary'
  | 'stream'
  | 'stream-without-prefixes'
  | 'tui';

export interface RunManyOptions {
  target: string;
  projects: string[];
  configuration?: string;
  /** Max parallel tasks; left to Nx's own default (nx.json, NX_PARALLEL) when unset. */
  parallel?: number;
  outputStyle?: NxOutputStyle;
}

/**
 * Variables the task runner sets for one task. A nested nx must not inherit
 * them: they would describe the outer task, not the tasks the nested run
 * starts (terminal capture, IPC channels, readiness sockets). The list follows
 * nx's own task-env.ts and the daemon's "task-scoped" exclusions.
 * NX_INVOCATION_ANCESTOR_PIDS is kept on purpose: it lets nx detect a task
 * that re-invokes itself through a nested run.
 */
export const NX_TASK_SCOPED_ENV: readonly string[] = [
  'NX_TASK_TARGET_PROJECT',
  'NX_TASK_TARGET_TARGET',
  'NX_TASK_TARGET_CONFIGURATION',
  'NX_TASK_HASH',
  'NX_TASK_OPTIONS',
  'NX_TERMINAL_OUTPUT_PATH',
  'NX_TERMINAL_CAPTURE_STDERR',
  'NX_STREAM_OUTPUT',
  'NX_PREFIX_OUTPUT',
  'NX_FORKED_TASK_EXECUTOR',
  'NX_INVOKED_BY_RUNNER',
  'NX_SET_CLI',
  'NX_ORIGINAL_FORCE_COLOR',
  'NX_PSEUDO_IPC_PATH',
  'NX_PSEUDO_IPC_FORK_ID',
  'NX_IPC_CHANNEL_ID',
  'NX_READY_SIGNAL_SOCKET',
  'NX_READY_SIGNAL_TASK',
  'NX_READY_URL',
  'NX_WORKSPACE_ROOT',
  // The child runs with cwd at the workspace root, so it finds the root itself.
  'NX_WORKSPACE_ROOT_PATH',
  'LERNA_PACKAGE_NAME',
];

/** `nx run-many` arguments. Throws on an empty project list: run-many would then run every project. */
export function buildRunManyArgs(opts: RunManyOptions): string[] {
  if (!opts.target) {
    throw new Error('nx run-many needs a target; pass one such as "build".');
  }
  if (opts.projects.length === 0) {
    throw new Error(
      `nx run-many -t ${opts.target} was given no projects; pass at least one, since an empty list would run every project.`,
    );
  }
  const bad = opts.projects.find((p) => p === '' || p.includes(','));
  if (bad !== undefined) {
    throw new Error(`Project name "${bad}" cannot be passed to nx run-many; names must be non-empty and contain no comma.`);
  }
  const args = ['run-many', `--targets=${opts.target}`, `--projects=${opts.projects.join(',')}`];
  if (opts.configuration) args.push(`--configuration=${opts.configuration}`);
  if (opts.parallel !== undefined) {
    if (!Number.isInteger(opts.parallel) || opts.parallel < 1) {
      throw new Error(`parallel must be a positive integer, got ${opts.parallel}; pass 1 or more.`);
    }
    args.push(`--parallel=${opts.parallel}`);
  }
  if (opts.outputStyle) args.push(`--outputStyle=${opts.outputStyle}`);
  return args;
}

/** The env a nested nx gets: the caller's env without task-scoped variables, daemon off unless chosen. */
export function nxChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const key of NX_TASK_SCOPED_ENV) delete out[key];
  if (out.NX_DAEMON === undefined) out.NX_DAEMON = 'false';
  // The outer run has just computed the graph and cached it: reading it back
  // spares the nested one loading every plugin again (nx falls back to
  // computing it when there is no cached graph).
  if (out.NX_FORCE_REUSE_CACHED_GRAPH === undefined) out.NX_FORCE_REUSE_CACHED_GRAPH = 'true';
  // The outer run owns the terminal; a nested TUI would fight over it.
  if (out.NX_TUI === undefined) out.NX_TUI = 'false';
  return out;
}

/** Path of the workspace's nx CLI entry point. */
export function resolveNxBin(workspaceRoot: string): string {
  try {
    return require.resolve('nx/bin/nx.js', { paths: [workspaceRoot] });
  } catch {
    throw new Error(`Cannot find nx from ${workspaceRoot}; install nx in the workspace (npm install -D nx).`);
  }
}

export interface RunNxOptions {
  /** Base environment; defaults to process.env. Task-scoped Nx variables are removed from it. */
  env?: NodeJS.ProcessEnv;
  /** Where SIGINT/SIGTERM arrive; defaults to process. */
  signals?: NodeJS.EventEmitter;
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `nx <args>` in workspaceRoot with live output and resolves to its exit
 * code (128 + signal number when it was killed). Rejects only when nx cannot
 * be started.
 */
export async function runNx(workspaceRoot: string, args: string[], opts: RunNxOptions = {}): Promise<number> {
  return (await runNode(workspaceRoot, [resolveNxBin(workspaceRoot), ...args], opts, `nx ${args.join(' ')}`)).exitCode;
}

export interface NxTasksOptions extends RunNxOptions {
  parallel?: number;
  outputStyle?: NxOutputStyle;
  /** Where the fallback note goes (console.warn by default). */
  warn?: (line: string) => void;
  /** The fallback's nested nx (runNx by default; specs pass their own). */
  runNx?: (workspaceRoot: string, args: string[], opts: RunNxOptions) => Promise<number>;
}

export interface NxTasksResult {
  /** 0 when every task succeeded (or came from the cache). */
  exitCode: number;
  /** Task id → Nx's status (success, failure, local-cache, ...); tasks that never ran are absent. */
  results: Record<string, string>;
}

/** The child that runs named tasks in one Nx task runner (see run-tasks.ts). */
export const RUN_TASKS_SCRIPT = require.resolve('./run-tasks');

/** The request run-tasks.ts reads: the tasks, and a run-many command line for the run's options. */
export function buildRunTasksRequest(tasks: NamedTask[], opts: Pick<NxTasksOptions, 'parallel' | 'outputStyle'>): RunTasksRequest {
  const first = tasks[0];
  if (!first) throw new Error('No tasks were given to run; name at least one project:target:configuration.');
  const runMany = buildRunManyArgs({
    target: first.target,
    projects: [...new Set(tasks.map((t) => t.project))],
    parallel: opts.parallel,
    outputStyle: opts.outputStyle,
  });
  return { tasks, runMany };
}

/**
 * Runs every named task (`kubelet:build:linux-amd64`, `kubelet:build:linux-arm64`, ...)
 * in one nested Nx task runner: one nx start for all configurations, each task
 * still its own cache entry. Resolves to the exit code and each task's status.
 */
export async function runNxTasks(workspaceRoot: string, tasks: NamedTask[], opts: NxTasksOptions = {}): Promise<NxTasksResult> {
  const request = buildRunTasksRequest(tasks, opts);
  const what = `nx ${tasks.map(namedTaskId).join(' ')}`;
  const r = await runNode(workspaceRoot, [RUN_TASKS_SCRIPT, JSON.stringify(request)], opts, what, true);
  const message = readChannel(r.channel);
  if (message && 'unsupported' in message) {
    (opts.warn ?? console.warn)(`${message.unsupported.replace(/; use nx 24\.$/, '')}: running one nx run-many per configuration instead.`);
    return runManyPerConfiguration(workspaceRoot, tasks, opts);
  }
  return { exitCode: r.exitCode, results: message?.results ?? {} };
}

function readChannel(text: string | undefined): RunTasksChannel | undefined {
  try {
    return text ? (JSON.parse(text) as RunTasksChannel) : undefined;
  } catch {
    // A run killed mid-write leaves half a result: the exit code says enough.
    return undefined;
  }
}

/**
 * Nx's public CLI way of running the named tasks, for an nx whose internals the
 * one-runner child cannot use: one `nx run-many -c <configuration>` per
 * configuration, in turn, each task taking its run's outcome.
 */
export async function runManyPerConfiguration(workspaceRoot: string, tasks: NamedTask[], opts: NxTasksOptions = {}): Promise<NxTasksResult> {
  const results: Record<string, string> = {};
  let exitCode = 0;
  for (const g of groupByConfiguration(tasks)) {
    const args = buildRunManyArgs({ target: g.target, projects: g.projects, configuration: g.configuration, parallel: opts.parallel, outputStyle: opts.outputStyle });
    const code = await (opts.runNx ?? runNx)(workspaceRoot, args, opts);
    for (const project of g.projects) results[`${project}:${g.target}:${g.configuration}`] = code === 0 ? 'success' : 'failure';
    if (code !== 0) exitCode = exitCode || code;
    // An interrupted run stops here, as the one runner would.
    if (code >= 128) break;
  }
  return { exitCode, results };
}

/** Starts node with `args` in workspaceRoot (inherited output, forwarded signals); fd 3 is read when `channel`. */
async function runNode(
  workspaceRoot: string,
  args: string[],
  opts: RunNxOptions,
  what: string,
  channel = false,
): Promise<{ exitCode: number; channel?: string }> {
  const child = execa(process.execPath, args, {
    cwd: workspaceRoot,
    env: nxChildEnv(opts.env ?? process.env),
    extendEnv: false,
    stdio: channel ? ['inherit', 'inherit', 'inherit', 'pipe'] : 'inherit',
    reject: false,
  });
  let received = '';
  (child.stdio[3] as NodeJS.ReadableStream | undefined)?.on('data', (d: Buffer) => (received += d.toString()));
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  const signals = opts.signals ?? process;
  for (const s of FORWARDED_SIGNALS) signals.on(s, forward);
  try {
    const result = await child;
    const out = channel ? { channel: received } : {};
    if (typeof result.exitCode === 'number') return { exitCode: result.exitCode, ...out };
    if (result.signal) return { exitCode: 128 + (osConstants.signals[result.signal as NodeJS.Signals] ?? 0), ...out };
    const why = (result as { shortMessage?: string }).shortMessage ?? 'no exit code';
    throw new Error(`Could not start ${what} in ${workspaceRoot}: ${why}.`);
  } finally {
    for (const s of FORWARDED_SIGNALS) signals.off(s, forward);
  }
}
