/**
 * `nx run kubelet:build:linux-mips` must fail: Nx falls back to a target's
 * defaultConfiguration when the one asked for does not exist, which would
 * build another platform than the one named.
 */
import { readCachedProjectGraph } from '@nx/devkit';
import { configurationName, parsePlatform } from './platforms';

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
  { executor?: string; configurations?: Record<string, unknown>; metadata?: { platforms?: PlatformsMetadata } }
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

export async function preTasksExecution(_options: unknown, context: { argv: string[] }): Promise<Record<string, string>> {
  const task = requestedTask(context.argv);
  if (!task) return {};
  let targets: Targets | undefined;
  let platforms: PlatformsMetadata | undefined;
  try {
    const data = readCachedProjectGraph().nodes[task.project]?.data;
    targets = data?.targets as Targets | undefined;
    platforms = (data?.metadata as { platforms?: PlatformsMetadata } | undefined)?.platforms;
  } catch {
    // No graph on disk: Nx goes on as it would without this check.
    return {};
  }
  checkRequestedConfiguration(task, targets, platforms);
  return {};
}
