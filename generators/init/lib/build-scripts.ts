/**
 * Which main packages a repo's own build scripts build: Makefiles and shell
 * scripts that name the package dir (`go build ./tools/benchmark`,
 * `cd ./server && go build`). Init lists those as binaries, so a repo gets
 * what its Makefile builds without hand edits.
 */
import { Tree } from '@nx/devkit';
import { isSkippedDirName } from '../../../plugin/go/walk';
import { join } from '../../shared/go-tree';

const SCRIPT = /(^|\/)(GNUmakefile|[Mm]akefile|[^/]+\.mk|[^/]+\.sh|[^/]+\.bash)$/;
const MAX_DEPTH = 4;

/** The text of the build scripts below `dir` (no vendor, testdata, node_modules, dot or _ dirs), at most MAX_DEPTH deep. */
export function buildScripts(tree: Tree, dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const stack: [string, number][] = [[dir, 0]];
  while (stack.length > 0) {
    const [d, depth] = stack.pop() as [string, number];
    for (const name of tree.children(d)) {
      const p = join(d, name);
      if (tree.isFile(p)) {
        if (SCRIPT.test(p)) out.push({ file: p, text: tree.read(p, 'utf-8') ?? '' });
      } else if (depth < MAX_DEPTH && !isSkippedDirName(name)) {
        stack.push([p, depth + 1]);
      }
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when a script names `spelling` as a path word: `./tools/x`, `tools/x/`, `"tools/x"`, `=tools/x`. */
export function namesDir(text: string, spelling: string): boolean {
  if (spelling === '') return false;
  return new RegExp(`(^|[\\s"'=(:,])(\\./)?${escape(spelling)}/?(?=$|[\\s"'):;,])`, 'm').test(text);
}

/**
 * Vendored mains a script builds (`go build -o build/ginkgo ./vendor/github.com/onsi/ginkgo/v2/ginkgo`,
 * as podman's test/tools does): workspace-relative dirs, resolved against the script's own dir.
 */
export function vendoredMainsBuilt(tree: Tree, scripts: { file: string; text: string }[], isMain: (dir: string) => boolean): string[] {
  const out = new Set<string>();
  for (const s of scripts) {
    const base = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')) : '';
    for (const m of s.text.matchAll(/(?:^|[\s"'=(])(?:\.\/)?vendor\/([A-Za-z0-9._~/-]+)/gm)) {
      const dir = join(base, 'vendor', m[1].replace(/\/+$/, ''));
      if (tree.exists(dir) && !tree.isFile(dir) && isMain(dir)) out.add(dir);
    }
  }
  return [...out].sort();
}
