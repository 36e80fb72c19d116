/** The two go.mod facts the executors need, read with the plugin's one go.mod parser (plugin/go/gomod.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { parseGoMod } from '../../../plugin/go/gomod';
import { parseGoWork } from '../../../plugin/go/gowork';
import { requiresModuleCache } from '../../../plugin/go/contexts';
import { printable } from '../../../plugin/vocabulary/printable';
import { toPosixRel } from './paths';

export interface GoModFacts {
  modulePath: string;
  /** The `go` directive, when there is one. */
  goVersion?: string;
}

/** Where the source of a go.work dir without a go.mod is mounted: /go/src/<this>, the go.work in force there. */
export const WORKSPACE_MOUNT_NAME = 'workspace';

/**
 * Module path and `go` directive of `<moduleDir>/go.mod`, or, for a go.work
 * dir without one, the workspace's mount name and its `go` directive. A
 * malformed file throws `<file>:<line>: what`, the file workspace-relative.
 */
export function readGoModFacts(workspaceRoot: string, moduleDir: string): GoModFacts {
  const file = path.join(moduleDir, 'go.mod');
  if (!fs.existsSync(file) && fs.existsSync(path.join(moduleDir, 'go.work'))) {
    const work = path.join(moduleDir, 'go.work');
    const { goVersion } = parseGoWork(fs.readFileSync(work, 'utf8'), toPosixRel(workspaceRoot, work));
    return { modulePath: WORKSPACE_MOUNT_NAME, ...(goVersion ? { goVersion } : {}) };
  }
  const { modulePath, goVersion } = parseGoMod(fs.readFileSync(file, 'utf8'), toPosixRel(workspaceRoot, file));
  return { modulePath, ...(goVersion ? { goVersion } : {}) };
}

/**
 * What `go mod download` reads in a context, module-relative POSIX paths: go.mod
 * and go.sum, or in a go.work dir go.work, go.work.sum and each used module's
 * go.mod and go.sum. An unreadable go.work is left to Go to report.
 */
export function contextModFiles(moduleDir: string): string[] {
  const work = path.join(moduleDir, 'go.work');
  if (!fs.existsSync(work)) return ['go.mod', 'go.sum'];
  let uses: string[] = [];
  try {
    uses = parseGoWork(fs.readFileSync(work, 'utf8'), 'go.work').uses;
  } catch {
    // The build fails on it with Go's own words.
  }
  const used = uses.filter((u) => !path.isAbsolute(u)).map((u) => path.posix.normalize(u.replace(/\\/g, '/')));
  return ['go.work', 'go.work.sum', ...used.flatMap((u) => [path.posix.join(u, 'go.mod'), path.posix.join(u, 'go.sum')])];
}

/** The Go a context asks for: go.work's lines in a go.work dir, else go.mod's. */
export interface GoRequirement {
  /** Workspace-relative file the lines are in. */
  file: string;
  goVersion?: string;
  toolchain?: string;
}

export function readGoRequirement(workspaceRoot: string, moduleDir: string): GoRequirement | undefined {
  for (const name of ['go.work', 'go.mod']) {
    const file = path.join(moduleDir, name);
    if (!fs.existsSync(file)) continue;
    const rel = toPosixRel(workspaceRoot, file);
    const text = fs.readFileSync(file, 'utf8');
    const parsed = name === 'go.work' ? parseGoWork(text, rel) : parseGoMod(text, rel);
    return { file: rel, goVersion: parsed.goVersion, toolchain: toolchainLine(text) ?? ('toolchain' in parsed ? parsed.toolchain : undefined) };
  }
  return undefined;
}

/** `toolchain go1.23.9` of a go.mod (the shared parser skips the line; it only matters here), printable: messages quote it. */
function toolchainLine(text: string): string | undefined {
  const v = /^\s*toolchain\s+(\S+)\s*(?:\/\/.*)?$/m.exec(text)?.[1];
  return v === undefined ? undefined : printable(v);
}

/**
 * Whether the context at moduleDir needs a module cache (plugin/go/contexts.ts
 * decides from the parsed files): false with vendor/modules.txt, or when
 * nothing outside the tree is required. A file that does not parse counts as
 * needing one, so Go itself reports it.
 */
export function contextNeedsModCache(workspaceRoot: string, moduleDir: string): boolean {
  if (fs.existsSync(path.join(moduleDir, 'vendor', 'modules.txt'))) return false;
  try {
    const files = contextModFiles(moduleDir).filter((f) => f.endsWith('go.mod'));
    const mods = files.filter((f) => fs.existsSync(path.join(moduleDir, f))).map((f) => parseGoMod(fs.readFileSync(path.join(moduleDir, f), 'utf8'), f));
    const work = path.join(moduleDir, 'go.work');
    const workReplaces = fs.existsSync(work) ? parseGoWork(fs.readFileSync(work, 'utf8'), 'go.work').replaces : [];
    return requiresModuleCache(mods, [...workReplaces, ...mods.flatMap((m) => m.replaces)]);
  } catch {
    return true;
  }
}
