/**
 * Which value a repo's own stamp variable wants, told from names alone: the
 * Go variable's (`gitCommit`, `GitSHA`, `buildInfo`) or, in a `-X` flag of
 * its build scripts, the script variable's (`$(GIT_COMMIT)`, `$(BUILD_INFO)`).
 * Pure: init reads the files and the declarations.
 */
import type { StampKind } from './version';

/** Go variable names (any case) → the kind they carry, as README's "Version stamping" table lists them. */
export const VAR_NAME_KINDS: Record<string, StampKind> = {
  version: 'version',
  gitversion: 'gitVersion',
  gitcommit: 'gitCommit',
  commit: 'gitCommit',
  revision: 'gitCommit',
  gitsha: 'gitCommitShort',
  gittreestate: 'gitTreeState',
  builddate: 'buildDate',
  date: 'buildDate',
  buildtime: 'buildDate',
  buildinfo: 'buildDateUnix',
  gitmajor: 'gitMajor',
  gitminor: 'gitMinor',
};

/** A release number written into the source (etcd's `Version = "3.6.0"`) is where the version comes from, not a placeholder. */
const RELEASE_NUMBER = /^v?[0-9]+\.[0-9]+(\.[0-9]+)?$/;

/**
 * The kind a string variable is stamped with, or undefined: its name is in
 * VAR_NAME_KINDS and its initial value, if any, is no release number other than 0.0.0.
 */
export function kindOfVar(name: string, value?: string): StampKind | undefined {
  const kind = VAR_NAME_KINDS[name.toLowerCase()];
  if (!kind || (value !== undefined && RELEASE_NUMBER.test(value) && !/^v?0\.0(\.0)?$/.test(value))) return undefined;
  return kind;
}

/** Script variable names → kinds (podman's GIT_COMMIT, runc's COMMIT and VERSION, etcd's GIT_SHA). */
const SCRIPT_VAR_KINDS: Record<string, StampKind> = {
  VERSION: 'version',
  GIT_VERSION: 'version',
  COMMIT: 'gitCommit',
  GIT_COMMIT: 'gitCommit',
  COMMIT_NO: 'gitCommit',
  REVISION: 'gitCommit',
  GIT_SHA: 'gitCommitShort',
  SHORT_COMMIT: 'gitCommitShort',
  BUILD_DATE: 'buildDate',
  DATE: 'buildDate',
  BUILD_TIME: 'buildDate',
  BUILD_INFO: 'buildDate',
};

/**
 * The kind of a `-X` flag's value from the script variable it expands,
 * `definition` being that variable's text with its own variables expanded:
 * a date printed `+%s` (podman's `DATE_FMT = %s`) is buildDateUnix.
 */
export function kindOfScriptValue(variable: string, definition = ''): StampKind | undefined {
  const kind = SCRIPT_VAR_KINDS[variable.toUpperCase()];
  if (kind === 'buildDate' && /\+%s\b/.test(definition)) return 'buildDateUnix';
  return kind;
}
