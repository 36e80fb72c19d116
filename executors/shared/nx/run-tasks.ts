/**
 * The child process runNxTasks starts: one Nx task runner over named tasks of
 * several configurations. `nx run-many` gives all its tasks one configuration,
 * so cross and release used to start one nx per platform; this runs them all
 * in one process, each still its own cached `project:target:configuration`
 * task. It is Nx's run-many with another selection: Nx's own option parsing,
 * project graph (the outer run's, cached), task graph, runner and output.
 *
 * argv: the request as JSON ({ tasks, runMany }); fd 3 receives the result of
 * each task as JSON when the run ends.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { NamedTask, TaskGraphLike, assertTasksInGraph, checkNamedTasks, groupByConfiguration, mergeTaskGraphs } from './task-selection';

export interface RunTasksRequest {
  tasks: NamedTask[];
  /** A run-many command line without -c: its options (parallel, outputStyle, ...) apply to the run. */
  runMany: string[];
}

/** The internals of the workspace's nx this needs, each a module nx 24 exports under `nx/src/*`. */
/* eslint-disable @typescript-eslint/no-explicit-any */
function loadNx(workspaceRoot: string) {
  const req = createRequire(path.join(workspaceRoot, 'package.json'));
  const load = (m: string) => {
    try {
      return req(`nx/src/${m}`);
    } catch (e) {
      const version = (() => {
        try {
          return req('nx/package.json').version;
        } catch {
          return 'none';
        }
      })();
      throw new Error(`nx-kube-build runs its nested tasks through nx/src/${m}, which nx ${version} in ${workspaceRoot} lacks (${(e as Error).message.split('\n')[0]}); use nx 24.`);
    }
  };
  return {
    yargs: req(req.resolve('yargs/yargs', { paths: [path.dirname(req.resolve('nx/package.json'))] })),
    shared: load('command-line/yargs-utils/shared-options'),
    runManyCommand: load('command-line/run-many/command-object').yargsRunManyCommand,
    cli: load('utils/command-line-utils'),
    configuration: load('config/configuration'),
    projectGraph: load('project-graph/project-graph'),
    taskGraph: load('tasks-runner/create-task-graph'),
    runCommand: load('tasks-runner/run-command'),
    outcome: load('tasks-runner/run-outcome'),
    daemon: load('daemon/client/client'),
    context: load('utils/workspace-context'),
    output: load('utils/output').output,
  };
}
type Nx = ReturnType<typeof loadNx>;

/** The run-many options as Nx's CLI would parse them (defaults included), with no configuration. */
function parseRunMany(nx: Nx, argv: string[]): { nxArgs: any; overrides: any } {
  let parsed: any;
  const y = nx.yargs(argv).parserConfiguration(nx.shared.defaultYargsParserConfiguration).help(false).version(false);
  y.command({ ...nx.runManyCommand, handler: (args: any) => (parsed = args) }).parseSync();
  if (!parsed) throw new Error(`Could not read ${argv.join(' ')} as an nx run-many command line.`);
  const nxJson = nx.configuration.readNxJson();
  return nx.cli.splitArgsIntoNxArgsAndOverrides(nx.shared.withOverrides(parsed), 'run-many', { printWarnings: false }, nxJson);
}

/** One task graph: Nx's own per configuration, merged. */
function selectTasks(nx: Nx, projectGraph: any, tasks: NamedTask[], overrides: any): { taskGraph: TaskGraphLike; initiatingTaskIds: string[] } {
  checkNamedTasks(tasks, (project, target) => {
    const t = projectGraph.nodes[project]?.data?.targets?.[target];
    return t ? Object.keys(t.configurations ?? {}) : undefined;
  });
  const graphs = groupByConfiguration(tasks).map((g) =>
    nx.taskGraph.createTaskGraph(projectGraph, {}, g.projects, [g.target], g.configuration, overrides, false),
  );
  const taskGraph = mergeTaskGraphs<TaskGraphLike>(graphs);
  assertTasksInGraph(tasks, taskGraph);
  return { taskGraph, initiatingTaskIds: tasks.map((t) => `${t.project}:${t.target}:${t.configuration}`) };
}

/**
 * What runCommand does for run-many, keeping each task's result; but not the
 * plugins' pre- and post-tasks hooks: the outer command ran them (the env they
 * set is inherited), and loading every plugin again would cost more than the
 * cached tasks themselves.
 */
async function run(nx: Nx, request: RunTasksRequest): Promise<{ code: number; results: Record<string, string> }> {
  const { nxArgs, overrides } = parseRunMany(nx, request.runMany);
  const nxJson = nx.configuration.readNxJson();
  const projectGraph = await nx.projectGraph.createProjectGraphAsync({ exitOnError: true });
  const selection = selectTasks(nx, projectGraph, request.tasks, overrides);
  const skipNxCache = nxArgs.skipNxCache || process.env.NX_SKIP_NX_CACHE === 'true' || process.env.NX_DISABLE_NX_CACHE === 'true';
  const { taskResults, taskStatuses, completed } = await nx.runCommand.runTasksForCommand(
    selection,
    projectGraph,
    { nxJson },
    { ...nxArgs, skipNxCache },
    overrides,
    null,
    {},
    { excludeTaskDependencies: false, loadDotEnvFiles: process.env.NX_LOAD_DOT_ENV_FILES !== 'false' },
  );
  const code = nx.outcome.getRunExitCode(completed, taskResults, taskStatuses);
  const results: Record<string, string> = {};
  for (const [taskId, r] of Object.entries(taskResults as Record<string, { status: string }>)) results[taskId] = r.status;
  return { code, results };
}

async function main(): Promise<number> {
  const workspaceRoot = process.cwd();
  const request = JSON.parse(process.argv[2] ?? '') as RunTasksRequest;
  let nx: Nx;
  try {
    nx = loadNx(workspaceRoot);
  } catch (e) {
    // Nothing ran: the caller falls back to Nx's public CLI, one run-many per configuration.
    writeChannel({ unsupported: (e as Error).message });
    return 0;
  }
  if (!nx.daemon.daemonClient.enabled()) nx.context.setupWorkspaceContext(workspaceRoot);
  const { code, results } = await run(nx, request);
  await nx.output.drain?.();
  writeChannel({ results });
  return code;
}

/** What the caller reads on fd 3: each task's status, or why this nx cannot run named tasks. */
export type RunTasksChannel = { results: Record<string, string> } | { unsupported: string };

function writeChannel(message: RunTasksChannel): void {
  try {
    fs.writeSync(3, JSON.stringify(message));
  } catch {
    // No result channel: the exit code is all the caller gets.
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
