/** The top-level Go dirs of a workspace, found the way Nx finds the plugin's config files. */
import fg from 'fast-glob';
import { minimatch } from 'minimatch';
import { rootModuleDirs } from './create-nodes';

export function discoverRoots(workspaceRoot: string, include?: string[], exclude?: string[]): string[] {
  const files = fg
    .sync(['**/go.mod', '**/go.work'], {
      cwd: workspaceRoot,
      ignore: ['**/node_modules/**', '**/vendor/**', '**/_output/**', '**/testdata/**', '**/.git/**', '**/.nx/**'],
    })
    .filter((f) => !include || include.some((g) => minimatch(f, g)))
    .filter((f) => !exclude || !exclude.some((g) => minimatch(f, g)));
  return rootModuleDirs(files);
}
