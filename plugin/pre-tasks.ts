/**
 * `nx run kubelet:build:linux-mips` must fail: Nx falls back to a target's
 * defaultConfiguration when the one asked for does not exist, which would
 * build another platform than the one named. The same holds for every
 * command that runs tasks: `run-many`, `affected`, `nx build kubelet -c …`.
 */
import { readCachedProjectGraph } from '@nx/devkit';
import { configurationName, parsePlatform } from './platforms';
import { ManyRequest, ProjectView, requestedMany, selectedProjects } from './requested-command';

export interface RequestedTask {
  project: string;
  target: string;
  configuration: string;
}

const flagValue = (args: string[], names: string[]): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
};

/** The one task `nx run p:t:c`, `nx p:t:c` or `nx run p:t -c c` names; undefined for anything else. Pure. */
export function requestedTask(argv: readonly string[]): RequestedTask | undefined {
  const args = argv.slice(2);
  const spec = args[0] === 'run' ? args[1] : args[0];
  if (!spec || spec.startsWith('-') || !spec.includes(':')) return undefined;
  const parts = spec.split(':');
  let configuration: string | undefined;
  if (parts.length >= 3) configuration = parts.pop();
  configuration = flagValue(args, ['-c', '--configuration']) ?? configuration;
  if (!configuration || parts.length < 2) return undefined;
  const target = parts.pop() as string;
  return { project: parts.join(':'), target, configuration };
}

type Targets = Record<
  string,
  {
    executor?: string;
    defaultConfiguration?: string;
    configurations?: Record<string, unknown>;
    metadata?: { platforms?: PlatformsMetadata };
  }
>;
/** What the build and cross targets (and a binary with neither) say about their platforms. */
interface PlatformsMetadata {
  buildable?: string[];
  dropped?: Record<string, string>;
}

/** The reason build constraints give for a configuration name (linux-amd64), if they rule it out. */
function droppedFor(platforms: PlatformsMetadata | undefined, configuration: string): string | undefined {
  const entry = Object.entries(platforms?.dropped ?? {}).find(([p]) => configurationName(parsePlatform(p)) === configuration);
  return entry?.[1];
}

/** Throws when the task is one of this plugin's and lacks the configuration. Pure. */
export function checkRequestedConfiguration(task: RequestedTask, targets: Targets | undefined, projectPlatforms?: PlatformsMetadata): void {
  const t = targets?.[task.target];
  if (!t) {
    // A binary with no buildable platform has no build target: say why rather than "no such target".
    const why = droppedFor(projectPlatforms, task.configuration);
    if (why) throw new Error(`${task.project} cannot build for ${task.configuration}: ${why}.`);
    return;
  }
  if (!t.executor?.startsWith('nx-kube-build:')) return;
  const known = Object.keys(t.configurations ?? {});
  if (known.includes(task.configuration)) return;
  // A target without configurations ignores one, as Nx does; a build always has one per platform.
  if (known.length === 0 && t.executor !== 'nx-kube-build:go-build') return;
  const why = droppedFor(t.metadata?.platforms, task.configuration);
  throw new Error(
    `Configuration "${task.configuration}" does not exist for ${task.project}:${task.target}: ${why ? `${why}; ` : ''}${
      known.length > 0 ? `use one of ${known.join(', ')}` : 'it has none'
    }.`,
  );
}

export interface ProjectTargets extends ProjectView {
  targets: Targets;
}

/** The configurations of one of this plugin's targets that a configuration is checked against; undefined when Nx ignores it. */
function checkedConfigurations(t: Targets[string] | undefined): string[] | undefined {
  if (!t?.executor?.startsWith('nx-kube-build:')) return undefined;
  const known = Object.keys(t.configurations ?? {});
  return known.length === 0 && t.executor !== 'nx-kube-build:go-build' ? undefined : known;
}

/**
 * Throws when a run-many or affected with -c would run one of this plugin's
 * targets for another configuration than the one named: a selected project
 * lacking it whose target has a default configuration (Nx would run that).
 * A target without a default runs unconfigured and its executor says why it
 * builds nothing. Affected is checked over every project, as the affected set
 * is not known yet. Pure.
 */
export function checkManyConfiguration(req: ManyRequest, projects: ProjectTargets[]): void {
  const known = new Set<string>();
  const fallbacks: { task: string; name: string; why: string }[] = [];
  let someHaveIt = false;
  for (const p of selectedProjects(req, projects)) {
    for (const target of req.targets) {
      const t = p.targets[target];
      const configurations = checkedConfigurations(t);
      if (!configurations) continue;
      configurations.forEach((c) => known.add(c));
      if (configurations.includes(req.configuration)) someHaveIt = true;
      else if (t?.defaultConfiguration) {
        const why = droppedFor(t.metadata?.platforms, req.configuration) ?? `its configurations are ${configurations.join(', ')}`;
        fallbacks.push({ task: `${p.name}:${target}`, name: p.name, why });
      }
    }
  }
  if (fallbacks.length === 0) return;
  if (!someHaveIt) {
    throw new Error(
      `Configuration "${req.configuration}" does not exist for ${req.targets.join(', ')} of any project ${req.command} selects: use one of ${[...known].sort().join(', ')}.`,
    );
  }
  const shown = fallbacks.slice(0, 5).map((f) => `${f.task} (${f.why})`);
  throw new Error(
    `-c ${req.configuration} is not a configuration of ${fallbacks.length} selected task(s), which Nx would run for their default configuration instead: ${shown.join('; ')}${
      fallbacks.length > 5 ? `; and ${fallbacks.length - 5} more` : ''
    }. Leave them out with --exclude=${[...new Set(fallbacks.map((f) => f.name))].join(',')}, or choose projects with -p.`,
  );
}

interface GraphNodes {
  [name: string]: { data?: { targets?: unknown; tags?: string[]; metadata?: unknown } } | undefined;
}

function checkAgainst(argv: string[], nodes: GraphNodes): void {
  const data = (name: string) => nodes[name]?.data;
  const task = requestedTask(argv);
  if (task) {
    const d = data(task.project);
    checkRequestedConfiguration(task, d?.targets as Targets | undefined, (d?.metadata as { platforms?: PlatformsMetadata })?.platforms);
    return;
  }
  const many = requestedMany(argv, (target, project) => Boolean((data(project)?.targets as Targets | undefined)?.[target]));
  if (!many) return;
  if (many.command === 'target') {
    const project = many.projects![0];
    const d = data(project);
    checkRequestedConfiguration({ project, target: many.targets[0], configuration: many.configuration }, d?.targets as Targets, (d?.metadata as { platforms?: PlatformsMetadata })?.platforms);
    return;
  }
  const projects = Object.entries(nodes).map(([name, n]) => ({ name, tags: n?.data?.tags ?? [], targets: (n?.data?.targets ?? {}) as Targets }));
  checkManyConfiguration(many, projects);
}

export async function preTasksExecution(_options: unknown, context: { argv: string[] }): Promise<Record<string, string>> {
  let nodes: GraphNodes;
  try {
    nodes = readCachedProjectGraph().nodes as GraphNodes;
  } catch {
    // No graph on disk: Nx goes on as it would without this check.
    return {};
  }
  checkAgainst(context.argv, nodes);
  return {};
}
