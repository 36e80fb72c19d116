/**
 * Runs the workspace's own nx as a child process. Executors use it to reach
 * targets in a given configuration (dependsOn cannot pick one), so every
 * per-platform build stays its own cached Nx task.
 */
import { constants as osConstants } from 'os';
import execa = require('execa');

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
  const nxBin = resolveNxBin(workspaceRoot);
  const child = execa(process.execPath, [nxBin, ...args], {
    cwd: workspaceRoot,
    env: nxChildEnv(opts.env ?? process.env),
    extendEnv: false,
    stdio: 'inherit',
    reject: false,
  });
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  const signals = opts.signals ?? process;
  for (const s of FORWARDED_SIGNALS) signals.on(s, forward);
  try {
    const result = await child;
    if (typeof result.exitCode === 'number') return result.exitCode;
    if (result.signal) return 128 + (osConstants.signals[result.signal as NodeJS.Signals] ?? 0);
    const why = (result as { shortMessage?: string }).shortMessage ?? 'no exit code';
    throw new Error(`Could not start nx ${args.join(' ')} in ${workspaceRoot}: ${why}.`);
  } finally {
    for (const s of FORWARDED_SIGNALS) signals.off(s, forward);
  }
}
