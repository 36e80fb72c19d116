/**
 * go-build's batch implementation (Nx runs it for the build tasks it can
 * schedule at once, unless `--batch=false`): the tasks grouped by what their go
 * invocation shares (module, platform, flags, env, image...), each group built
 * by one `go build -o <dir>/ <main>...` in one container, each binary
 * published into its own task's path, and a result per task. A task that
 * cannot share (alone in its group, host mode, options that fail) runs as the
 * single-task executor does; so does a binary its group's go did not write,
 * so a failure has its own compiler output.
 */
import type { ExecutorContext, Task, TaskGraph } from '@nx/devkit';
import { logger } from '@nx/devkit';
import * as crypto from 'crypto';
import { hostPlatform } from '../../plugin/platforms';
import { stampsSemver, VersionInfo } from '../../plugin/vocabulary/version';
import { hostUser } from '../shared/container/go-container';
import { prepareEngine } from '../shared/image/prepare';
import { readVersionInfo } from '../shared/module/git-version';
import { capturingOutput } from '../shared/nx/capture';
import { runExecutor } from '../shared/nx/executor';
import { trapSignals } from '../shared/nx/signals';
import { currentOwner } from '../shared/nx/owner';
import goBuildExecutor from './executor';
import { planBatch } from './lib/batch-plan';
import { GroupOutcome, runGroup } from './lib/batch-run';
import { BatchMember, groupMembers } from './lib/group';
import { buildOptionsOf, targetOf } from './lib/options';
import { nothingToBuild } from './lib/platform-check';
import { planTask } from './lib/plan';
import type { GoBuildExecutorOptions } from './types';

const log = { info: (line: string): void => logger.info(line), warn: (line: string): void => logger.warn(line) };

interface TaskResult {
  success: boolean;
  terminalOutput: string;
  startTime?: number;
  endTime?: number;
}

/** The executor context of one task of the batch, as Nx gives a single task. */
export function taskContext(context: ExecutorContext, task: Pick<Task, 'target'>): ExecutorContext {
  return { ...context, projectName: task.target.project, targetName: task.target.target, configurationName: task.target.configuration };
}

type Prepare = typeof prepareEngine;

/** One task as the single-task executor runs it, its output kept as its terminal output. */
async function alone(options: GoBuildExecutorOptions, context: ExecutorContext, prepare: Prepare): Promise<TaskResult> {
  const startTime = Date.now();
  const { result, output } = await capturingOutput(() => goBuildExecutor(options, context, prepare));
  return { success: result.success, terminalOutput: output, startTime, endTime: Date.now() };
}

/** The member of a task that can share a go invocation; undefined for one that runs alone (nothing to build, bad options). */
async function memberOf(taskId: string, options: GoBuildExecutorOptions, context: ExecutorContext, version: (validate: boolean) => Promise<VersionInfo>): Promise<BatchMember | undefined> {
  if (nothingToBuild(options.platform, context.configurationName, targetOf(context), hostPlatform(), context.projectName ?? options.main)) return undefined;
  try {
    const o = buildOptionsOf(options, context);
    const plan = planTask(o, await version(stampsSemver(o.versionPackages)), context, currentOwner(), hostUser());
    return { taskId, o, plan };
  } catch {
    // The single-task executor says what is wrong, as it would without a batch.
    return undefined;
  }
}

/** The version facts, read once per batch (and once more only when some task needs them checked as semver). */
function versionsOf(root: string): (validate: boolean) => Promise<VersionInfo> {
  const read = new Map<boolean, Promise<VersionInfo>>();
  return (validate) => {
    if (!read.has(validate)) read.set(validate, readVersionInfo(root, process.env, { validate }));
    return read.get(validate)!;
  };
}

/** Runs one group of several members; yields each member's result, building alone those go did not write. */
async function* runShared(group: BatchMember[], inputs: Record<string, GoBuildExecutorOptions>, contexts: Map<string, ExecutorContext>, prepare: Prepare) {
  const startTime = Date.now();
  const b = planBatch(group, { nonce: crypto.randomBytes(6).toString('hex'), owner: currentOwner(), target: contexts.get(group[0].taskId)?.targetName ?? 'build' });
  let outcome: GroupOutcome | undefined;
  const { result, output } = await capturingOutput(() =>
    runExecutor(
      async (run) => {
        outcome = await runGroup(b, run, log, prepare);
        for (const binary of outcome.built.values()) log.info(`Built ${binary}`);
        return { success: true };
      },
      { interrupted: (sig) => `${b.what} was interrupted${sig ? ` by ${sig}` : ''}: the build container and the partial binaries were removed.` },
    ),
  );
  const endTime = Date.now();
  if (!result.success || !outcome) {
    for (const m of group) yield { task: m.taskId, result: { success: false, terminalOutput: output, startTime, endTime } };
    return;
  }
  for (const [task, binary] of outcome.built) yield { task, result: { success: true, terminalOutput: `${outcome.header}Built ${binary}\n`, startTime, endTime } };
  for (const m of outcome.missing) yield { task: m.taskId, result: await alone(inputs[m.taskId], contexts.get(m.taskId)!, prepare) };
}

/** The result of a task the batch did not start because a signal arrived first. */
const notStarted = (task: string, sig: string) => ({ task, result: { success: false, terminalOutput: `${task} was not built: the batch was interrupted by ${sig}.\n` } });

async function* runAll(taskGraph: TaskGraph, inputs: Record<string, GoBuildExecutorOptions>, context: ExecutorContext, prepare: Prepare, stopped: () => string | undefined) {
  const version = versionsOf(context.root);
  const contexts = new Map(Object.keys(inputs).map((id) => [id, taskContext(context, taskGraph.tasks[id])]));
  const members: BatchMember[] = [];
  for (const id of Object.keys(inputs)) {
    const m = stopped() ? undefined : await memberOf(id, inputs[id], contexts.get(id)!, version);
    if (m) members.push(m);
    else yield stopped() ? notStarted(id, stopped()!) : { task: id, result: await alone(inputs[id], contexts.get(id)!, prepare) };
  }
  for (const group of groupMembers(members)) {
    const sig = stopped();
    if (sig) for (const m of group) yield notStarted(m.taskId, sig);
    else if (group.length === 1) yield { task: group[0].taskId, result: await alone(inputs[group[0].taskId], contexts.get(group[0].taskId)!, prepare) };
    else yield* runShared(group, inputs, contexts, prepare);
  }
}

/**
 * `prepare` is the engine seam, as for the single-task executor. A signal
 * stops the batch: the running group cleans up as a single build does, and
 * no later group or task starts.
 */
export default async function* goBuildBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, GoBuildExecutorOptions>,
  _overrides: unknown,
  context: ExecutorContext,
  prepare: Prepare = prepareEngine,
): AsyncGenerator<{ task: string; result: TaskResult }> {
  const trap = trapSignals();
  try {
    yield* runAll(taskGraph, inputs, context, prepare, () => trap.received());
  } finally {
    trap.release();
  }
}
