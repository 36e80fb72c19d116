/**
 * What a task-running nx command line asks for, read from argv the way Nx's
 * own parser reads it: `run-many`, `affected` and `nx <target> <project>` with
 * their -t/-p/--exclude/-c spellings. Only what the configuration check needs.
 * Pure.
 */
import { minimatch } from 'minimatch';

export interface ManyRequest {
  command: 'run-many' | 'affected' | 'target';
  targets: string[];
  configuration: string;
  /** Project patterns (names, globs, tag:x, !negations); undefined means every project. */
  projects?: string[];
  exclude: string[];
}

/** Values of an array option: `-t a,b`, `-t a b`, `-t=a`, `--targets a`, repeated. */
function arrayOption(args: readonly string[], names: string[]): string[] | undefined {
  let out: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const name = names.find((n) => args[i] === n || args[i].startsWith(`${n}=`));
    if (!name) continue;
    out ??= [];
    if (args[i].startsWith(`${name}=`)) {
      out.push(...args[i].slice(name.length + 1).split(','));
      continue;
    }
    for (let j = i + 1; j < args.length && !args[j].startsWith('-'); j++, i++) out.push(...args[j].split(','));
  }
  return out?.map((s) => s.trim()).filter(Boolean);
}

const CONFIGURATION = ['-c', '--configuration'];
const TARGETS = ['-t', '--target', '--targets'];
const PROJECTS = ['-p', '--projects', '--project'];
const EXCLUDE = ['--exclude'];

/** The request of `nx run-many`, `nx affected` or `nx <target> <project>` with a configuration; undefined otherwise. */
export function requestedMany(argv: readonly string[], isTarget: (target: string, project: string) => boolean): ManyRequest | undefined {
  const args = argv.slice(2);
  const configuration = arrayOption(args, CONFIGURATION)?.[0];
  if (!configuration) return undefined;
  const exclude = arrayOption(args, EXCLUDE) ?? [];
  if (args[0] === 'run-many' || args[0] === 'affected') {
    const targets = arrayOption(args, TARGETS) ?? [];
    if (targets.length === 0) return undefined;
    return { command: args[0], targets, configuration, projects: args[0] === 'run-many' ? arrayOption(args, PROJECTS) : undefined, exclude };
  }
  // `nx build kubelet -c x`: Nx's shorthand for `nx run kubelet:build -c x`.
  const [target, project] = args;
  if (target && project && !target.startsWith('-') && !project.startsWith('-') && !project.includes(':') && isTarget(target, project)) {
    return { command: 'target', targets: [target], configuration, projects: [project], exclude };
  }
  return undefined;
}

export interface ProjectView {
  name: string;
  tags: string[];
}

const matches = (p: ProjectView, pattern: string): boolean =>
  pattern.startsWith('tag:') ? p.tags.some((t) => minimatch(t, pattern.slice(4))) : minimatch(p.name, pattern);

/** The projects a request selects before Nx narrows it (affected: every project, as its affected set is not known yet). Pure. */
export function selectedProjects<T extends ProjectView>(req: ManyRequest, all: T[]): T[] {
  const patterns = req.projects ?? [];
  const include = patterns.filter((p) => !p.startsWith('!'));
  const negated = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const out = [...req.exclude, ...negated];
  return all.filter(
    (p) => (include.length === 0 || include.some((pat) => matches(p, pat))) && !out.some((pat) => matches(p, pat)),
  );
}
