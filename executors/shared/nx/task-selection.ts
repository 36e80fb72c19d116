/**
 * One task graph over named tasks of several configurations (kubelet's build
 * for five platforms, a release's builds for every platform), which
 * `nx run-many` cannot ask for: it gives every task one configuration. Pure:
 * the graph of one configuration comes from the caller (Nx's createTaskGraph).
 */

/** One task as `nx run <project>:<target>:<configuration>` names it. */
export interface NamedTask {
  project: string;
  target: string;
  configuration: string;
}

/** The parts of Nx's TaskGraph this module reads and writes. */
export interface TaskGraphLike {
  roots: string[];
  tasks: Record<string, { id: string; target: { project: string; target: string; configuration?: string } }>;
  dependencies: Record<string, unknown[]>;
  continuousDependencies: Record<string, unknown[]>;
}

/** What the project graph says about a target's configurations. */
export type TargetConfigurations = (project: string, target: string) => string[] | undefined;

/** The task id Nx gives a task: `project:target:configuration`. */
export const namedTaskId = (t: NamedTask): string => `${t.project}:${t.target}:${t.configuration}`;

/**
 * Throws, naming the task and the configurations that exist, when one is
 * missing: Nx would run the default configuration in its place.
 */
export function checkNamedTasks(tasks: NamedTask[], configurationsOf: TargetConfigurations): void {
  if (tasks.length === 0) throw new Error('No tasks were given to run; name at least one project:target:configuration.');
  for (const t of tasks) {
    const known = configurationsOf(t.project, t.target);
    if (known === undefined) throw new Error(`Cannot run ${namedTaskId(t)}: ${t.project} has no target "${t.target}"; check the project and target names.`);
    if (!known.includes(t.configuration)) {
      throw new Error(
        `Cannot run ${namedTaskId(t)}: ${t.project}:${t.target} has no configuration "${t.configuration}"; it has ${known.join(', ') || 'none'}.`,
      );
    }
  }
}

/** The tasks grouped as one run-many per configuration and target would take them, in first-seen order. */
export function groupByConfiguration(tasks: NamedTask[]): { target: string; configuration: string; projects: string[] }[] {
  const groups = new Map<string, { target: string; configuration: string; projects: string[] }>();
  for (const t of tasks) {
    const key = `${t.target}\0${t.configuration}`;
    const g = groups.get(key) ?? { target: t.target, configuration: t.configuration, projects: [] };
    if (!g.projects.includes(t.project)) g.projects.push(t.project);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Edges of both graphs, each once (a shared dependency such as the image build is reached from every configuration). */
function mergeEdges(a: unknown[] = [], b: unknown[] = []): unknown[] {
  const seen = new Set(a.map((e) => JSON.stringify(e)));
  return [...a, ...b.filter((e) => !seen.has(JSON.stringify(e)))];
}

/** The union of per-configuration task graphs: one task per id, edges merged, roots recomputed. */
export function mergeTaskGraphs<G extends TaskGraphLike>(graphs: G[]): G {
  if (graphs.length === 0) throw new Error('mergeTaskGraphs needs at least one task graph.');
  const out = { ...graphs[0], roots: [], tasks: {}, dependencies: {}, continuousDependencies: {} } as TaskGraphLike;
  for (const g of graphs) {
    Object.assign(out.tasks, g.tasks);
    for (const id of Object.keys(g.tasks)) {
      out.dependencies[id] = mergeEdges(out.dependencies[id], g.dependencies[id]);
      out.continuousDependencies[id] = mergeEdges(out.continuousDependencies[id], g.continuousDependencies[id]);
    }
  }
  out.roots = Object.keys(out.tasks).filter((id) => out.dependencies[id].length === 0 && out.continuousDependencies[id].length === 0);
  return out as G;
}

/** Throws when a graph lacks a named task (Nx picked another configuration): the check above makes this a bug. */
export function assertTasksInGraph(tasks: NamedTask[], graph: TaskGraphLike): void {
  const missing = tasks.map(namedTaskId).filter((id) => !graph.tasks[id]);
  if (missing.length > 0) {
    throw new Error(`Nx planned no task ${missing.join(', ')}; it may have picked another configuration. Run each with nx run to see why.`);
  }
}
