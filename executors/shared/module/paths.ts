import * as fs from 'fs';
import * as crypto from 'crypto';
import * as path from 'path';

/**
 * Absolute path of a workspace-relative option value; throws when the value is
 * absolute or climbs out of the workspace.
 */
export function workspacePath(workspaceRoot: string, rel: string, option: string): string {
  if (path.isAbsolute(rel)) {
    throw new Error(`${option} "${rel}" is absolute: use a path relative to the workspace root.`);
  }
  const abs = path.resolve(workspaceRoot, rel);
  const back = path.relative(workspaceRoot, abs);
  if (back === '..' || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) {
    throw new Error(`${option} "${rel}" points outside the workspace: use a path relative to the workspace root.`);
  }
  return abs;
}

/** True when `child` is `parent` or lies below it. */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** Workspace-relative POSIX form for messages. */
export function toPosixRel(workspaceRoot: string, abs: string): string {
  return path.relative(workspaceRoot, abs).split(path.sep).join('/') || '.';
}

/** Short stable id of a workspace, so two checkouts never share container names. */
export function workspaceHash(workspaceRoot: string): string {
  return crypto.createHash('sha256').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 8);
}

/** The module dir an executor works in: inside the workspace and holding a go.mod. */
export function moduleDirOf(workspaceRoot: string, moduleRoot: string | undefined): string {
  const raw = moduleRoot ?? '';
  const dir = workspacePath(workspaceRoot, raw || '.', 'moduleRoot');
  if (!fs.existsSync(path.join(dir, 'go.mod')) && !fs.existsSync(path.join(dir, 'go.work'))) {
    throw new Error(
      `No go.mod in moduleRoot "${raw}": set moduleRoot to the workspace-relative folder that holds the module's go.mod (or the go.work).`,
    );
  }
  return dir;
}

export type RunMode = 'docker' | 'host';

export function parseRunMode(mode: string | undefined): RunMode {
  const m = mode ?? 'docker';
  if (m !== 'docker' && m !== 'host') throw new Error(`mode "${m}" is not supported: use "docker" or "host".`);
  return m;
}
