/** The two go.mod facts the executors need, read with the plugin's one go.mod parser (plugin/go/gomod.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { parseGoMod } from '../../../plugin/go/gomod';
import { parseGoWork } from '../../../plugin/go/gowork';
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
