/**
 * Which builds of a batch can share one `go build -o <dir>/ <main>...`: those
 * whose whole go invocation but the main and the output agree. Pure.
 */
import * as path from 'path';
import { exeSuffix } from '../../../plugin/platforms';
import { goBuildArgs } from './flags';
import type { NormalizedBuildOptions } from './options';
import type { BuildPlan } from './plan';

/** One build task of a batch, its options normalized and its build planned. */
export interface BatchMember {
  taskId: string;
  o: NormalizedBuildOptions;
  plan: BuildPlan;
}

/** The options that differ between the binaries of one go invocation; every other option must agree. */
const PER_BINARY: ReadonlySet<string> = new Set(['main', 'binaryName', 'fileName', 'outputPath']);

/** A main's import path, when it can be told without Go: a dir of the module, the module itself, or an import path. */
export function mainImportPath(o: Pick<NormalizedBuildOptions, 'main' | 'modulePath'>): string | undefined {
  const main = o.main.replace(/\/+$/, '');
  if (main === '.') return o.modulePath || undefined;
  if (main.startsWith('./')) {
    const rel = path.posix.normalize(main.slice(2));
    return o.modulePath && !rel.startsWith('..') ? `${o.modulePath}/${rel}` : undefined;
  }
  return main.startsWith('../') || main.startsWith('/') ? undefined : main;
}

/** `v2`, `v3`...: a major version suffix, which go skips when naming a binary. */
const isVersionElement = (s: string): boolean => /^v[1-9][0-9]*$/.test(s);

/** The file `go build -o <dir>/` writes a main to (cmd/go's DefaultExecName, plus .exe on windows). */
export function goExecName(importPath: string, o: Pick<NormalizedBuildOptions, 'platform'>): string {
  let elem = path.posix.basename(importPath);
  if (elem !== importPath && isVersionElement(elem)) elem = path.posix.basename(path.posix.dirname(importPath));
  return elem + exeSuffix(o.platform);
}

/**
 * What must agree for two builds to share a go invocation, or undefined for a
 * build that runs alone (host mode, a main whose import path is unknown, a go
 * command other than `go build`). Every normalized option but the per-binary
 * ones is part of it, so an option added later splits groups by itself.
 */
export function groupKey(m: Pick<BatchMember, 'o' | 'plan'>): string | undefined {
  if (m.o.mode !== 'docker' || mainImportPath(m.o) === undefined) return undefined;
  const args = goBuildArgs({ ...m.plan.flags, output: '', main: '' });
  if (args[0] !== 'build') return undefined;
  const shared = Object.fromEntries(Object.entries(m.o).filter(([k]) => !PER_BINARY.has(k)));
  return JSON.stringify({ shared, env: m.plan.env, args, platform: m.plan.platform });
}

/**
 * The batch's builds in groups that each run as one go invocation, in the
 * order their first task came; a group never holds two mains go would write
 * to one file name. A build with no key is a group of its own.
 */
export function groupMembers(members: BatchMember[]): BatchMember[][] {
  const groups: BatchMember[][] = [];
  const open = new Map<string, BatchMember[][]>();
  for (const m of members) {
    const key = groupKey(m);
    if (key === undefined) {
      groups.push([m]);
      continue;
    }
    const name = goExecName(mainImportPath(m.o)!, m.o);
    const candidates = open.get(key) ?? [];
    let group = candidates.find((g) => !g.some((other) => goExecName(mainImportPath(other.o)!, other.o) === name));
    if (!group) {
      group = [];
      candidates.push(group);
      groups.push(group);
      open.set(key, candidates);
    }
    group.push(m);
  }
  return groups;
}
