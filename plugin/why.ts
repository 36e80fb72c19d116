import * as path from 'path';
import { importEdges } from './edges';
import { LoadedWorkspace, modelOf } from './load';

export interface WhyResult {
  /** What the file is to the graph: a package, a module file, or nothing. */
  kind: 'package' | 'module' | 'none';
  project?: string;
  /** Per affected binary, one import chain from the changed package to the binary. */
  chains: { binary: string; chain: string[] }[];
}



/** Which binaries a change to `file` (workspace-relative) affects, and through which imports. */
export function why(loaded: LoadedWorkspace, file: string): WhyResult {
  const model = modelOf(loaded);
  const f = file.split(path.sep).join('/').replace(/^\.\//, '');
  // go.mod, go.sum, vendor/modules.txt, go.work, go.work.sum: every binary of the contexts that read it.
  const readers = model.modules.filter((m) => m.fileInputs.includes(`{workspaceRoot}/${f}`));
  if (readers.length > 0) {
    const bins = model.binaries.filter((b) => readers.some((m) => m.dir === b.moduleRoot));
    return { kind: 'module', project: readers[0].name, chains: bins.map((b) => ({ binary: b.name, chain: [f, b.name] })) };
  }
  const dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
  const project = f.endsWith('.go') ? owningProject(loaded, dir) : undefined;
  if (!project) return { kind: 'none', chains: [] };

  // Breadth-first over reverse import edges gives each binary its shortest chain.
  const importers = new Map<string, Set<string>>();
  for (const e of importEdges(loaded).edges) {
    if (!importers.has(e.target)) importers.set(e.target, new Set());
    importers.get(e.target)!.add(e.source);
  }
  const binaries = new Set(model.binaries.map((b) => b.name));
  const prev = new Map<string, string | null>([[project, null]]);
  const queue = [project];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const next of [...(importers.get(p) ?? [])].sort()) {
      if (prev.has(next)) continue;
      prev.set(next, p);
      queue.push(next);
    }
  }
  const chains: WhyResult['chains'] = [];
  for (const name of [...prev.keys()].filter((n) => binaries.has(n)).sort()) {
    const chain: string[] = [];
    for (let n: string | null = name; n !== null; n = prev.get(n) ?? null) chain.unshift(n);
    chains.push({ binary: name, chain });
  }
  return { kind: 'package', project, chains };
}

function owningProject(loaded: LoadedWorkspace, dir: string): string | undefined {
  const model = modelOf(loaded);
  for (let d = dir; ; d = path.posix.dirname(d)) {
    const p = model.projectOfDir.get(d === '.' ? '' : d);
    if (p) return p;
    // Only vendored modules own files below their package dirs.
    if (d === '.' || d === '' || !d.includes('/vendor/') && !d.startsWith('vendor/')) return undefined;
  }
}
