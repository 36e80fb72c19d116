/**
 * The other half of `verify`: every file the go command reads for a package
 * (go list's GoFiles, CgoFiles, CFiles … EmbedFiles, and the files it ignores
 * on this platform, which another platform compiles) must be one of that
 * package's build inputs, or Nx would restore a stale binary after it changes.
 * The inputs come from the same function that writes them into the graph. Pure.
 */
import { minimatch } from 'minimatch';
import type { GoTree } from './go/types';
import { packageNamedInputs } from './targets/inputs';

/** go list fields that name files of the package dir (EmbedFiles may be below it). */
export const LISTED_FILE_FIELDS = [
  'GoFiles',
  'CgoFiles',
  'CFiles',
  'CXXFiles',
  'MFiles',
  'HFiles',
  'FFiles',
  'SFiles',
  'SwigFiles',
  'SwigCXXFiles',
  'SysoFiles',
  'EmbedFiles',
  'IgnoredGoFiles',
  'IgnoredOtherFiles',
] as const;

/** One file go reads, as `<field>=<path relative to the package dir>`. */
export interface ListedFile {
  field: string;
  file: string;
}

export interface InputMiss {
  dir: string;
  importPath: string;
  file: string;
  field: string;
}

/** The go list template fragment printing every listed file as field=file, each ended by \x1f. */
export const FILES_TEMPLATE = LISTED_FILE_FIELDS.map((f) => `{{range .${f}}}${f}={{.}}{{"\\x1f"}}{{end}}`).join('');

export function parseListedFiles(field: string | undefined): ListedFile[] {
  return (field ?? '')
    .split('\x1f')
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      return { field: entry.slice(0, at), file: entry.slice(at + 1) };
    });
}

/** The files of one in-tree package that its goBuild inputs do not cover (test files aside: they are test inputs). */
export function uncoveredFiles(tree: Pick<GoTree, 'packages'>, dir: string, importPath: string, files: ListedFile[]): InputMiss[] {
  const pkg = tree.packages.get(dir);
  // A vendored module's project takes every file under it; a dir the tree lacks is a closure miss, reported there.
  if (!pkg || pkg.vendoredModule !== undefined) return [];
  const patterns = packageNamedInputs(pkg.embeds, pkg.moduleDir)
    .goBuild.filter((p): p is string => typeof p === 'string' && p.includes('{projectRoot}/'))
    .map((p) => p.replace(/^(!?)\{projectRoot\}\//, '$1'));
  const include = patterns.filter((p) => !p.startsWith('!'));
  return files
    .filter((f) => !f.file.endsWith('_test.go'))
    .filter((f) => !include.some((p) => minimatch(f.file, p, { dot: true })))
    .map((f) => ({ dir, importPath, file: f.file, field: f.field }));
}
