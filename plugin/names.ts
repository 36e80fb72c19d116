/**
 * Project names, unique by construction. Binaries keep their names and module
 * projects theirs; a package is named by its import path and a vendored
 * module by its module path. When several dirs hold one path (an in-repo
 * module and its vendored copy, two modules vendoring one dependency), the
 * copy the outermost build compiles keeps the plain name and every other is
 * `<owner dir>:<path>`, the owner being the module (or go.work) whose tree
 * holds it ('.' for the workspace root).
 */
import type { BinaryModel, ModuleModel, VendorModel } from './model';
import { PackageGraph } from './go/graph';
import { GoPackage } from './go/types';

interface Claim {
  name: string;
  dirs: string[];
  owner: string;
  /** Lower wins: the depth of the context that builds it, then in-repo before vendored, then dir. */
  rank: [number, number, string];
  assign: (name: string) => void;
}

const depth = (dir: string): number => (dir === '' ? 0 : dir.split('/').length);

export function qualifiedName(owner: string, name: string): string {
  return `${owner || '.'}:${name}`;
}

export function nameProjects(input: {
  binaries: BinaryModel[];
  modules: ModuleModel[];
  packages: GoPackage[];
  vendored: VendorModel[];
  graph: PackageGraph;
}): Map<string, string> {
  const projectOfDir = new Map<string, string>();
  const reserved = new Set<string>();
  for (const b of input.binaries) {
    projectOfDir.set(b.dir, b.name);
    reserved.add(b.name);
  }
  for (const m of input.modules) {
    if (!projectOfDir.has(m.dir)) projectOfDir.set(m.dir, m.name);
    reserved.add(m.name);
  }
  const ctxDepth = (dir: string): number => {
    const c = input.graph.homeOf.get(dir);
    return c ? depth(c.dir) : depth(dir);
  };
  const claims: Claim[] = [
    ...input.packages.map((p): Claim => ({
      name: p.importPath,
      dirs: [p.dir],
      owner: p.moduleDir,
      rank: [ctxDepth(p.dir), 0, p.dir],
      assign: (n) => projectOfDir.set(p.dir, n),
    })),
    ...input.vendored.map((v): Claim => ({
      name: v.module,
      dirs: v.packages.map((p) => p.dir),
      owner: v.moduleDir,
      rank: [ctxDepth(v.packages[0]?.dir ?? v.dir), 1, v.dir],
      assign: (n) => {
        v.name = n;
        for (const p of v.packages) projectOfDir.set(p.dir, n);
      },
    })),
  ];
  const byName = new Map<string, Claim[]>();
  for (const c of claims) {
    if (!byName.has(c.name)) byName.set(c.name, []);
    (byName.get(c.name) as Claim[]).push(c);
  }
  for (const [name, list] of byName) {
    list.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2].localeCompare(b.rank[2]));
    list.forEach((c, k) => c.assign(k === 0 && !reserved.has(name) ? name : qualifiedName(c.owner, name)));
  }
  return projectOfDir;
}
