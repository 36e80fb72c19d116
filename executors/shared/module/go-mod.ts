/** The two go.mod facts the executors need, read with the plugin's one go.mod parser (plugin/go/gomod.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { parseGoMod } from '../../../plugin/go/gomod';
import { toPosixRel } from './paths';

export interface GoModFacts {
  modulePath: string;
  /** The `go` directive, when there is one. */
  goVersion?: string;
}

/** Module path and `go` directive of `<moduleDir>/go.mod`; a malformed file throws `<file>:<line>: what`, the file workspace-relative. */
export function readGoModFacts(workspaceRoot: string, moduleDir: string): GoModFacts {
  const file = path.join(moduleDir, 'go.mod');
  const { modulePath, goVersion } = parseGoMod(fs.readFileSync(file, 'utf8'), toPosixRel(workspaceRoot, file));
  return { modulePath, ...(goVersion ? { goVersion } : {}) };
}
