#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspace } from './load';
import { KubeBuildPluginOptions, normalizeOptions } from './options';
import { why } from './why';
import fg from 'fast-glob';
import { minimatch } from 'minimatch';
import { rootModuleDirs } from './create-nodes';

const USAGE = 'usage: nx-kube-build why <file> [<file>...]   (run inside an Nx workspace)';

function findWorkspaceRoot(from: string): string {
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'nx.json'))) return d;
    if (path.dirname(d) === d) throw new Error(`No nx.json found in ${from} or above: run this inside an Nx workspace.`);
  }
}

interface PluginEntry {
  options: KubeBuildPluginOptions;
  include?: string[];
  exclude?: string[];
}

function pluginEntry(root: string): PluginEntry {
  const nx = JSON.parse(fs.readFileSync(path.join(root, 'nx.json'), 'utf8'));
  for (const p of nx.plugins ?? []) {
    const name = typeof p === 'string' ? p : p.plugin;
    if (name === 'nx-kube-build' || /nx-kube-build/.test(name)) {
      return typeof p === 'string' ? { options: {} } : { options: p.options ?? {}, include: p.include, exclude: p.exclude };
    }
  }
  throw new Error(`nx.json in ${root} does not register nx-kube-build: run "nx add nx-kube-build" first.`);
}

function main(argv: string[]): number {
  const [cmd, ...files] = argv;
  if (cmd !== 'why' || files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const root = findWorkspaceRoot(process.cwd());
  const entry = pluginEntry(root);
  const options = normalizeOptions(entry.options);
  // The same files Nx hands createNodes: go.mod outside dependency and output dirs, within the entry's include/exclude.
  const goMods = fg
    .sync('**/go.mod', { cwd: root, ignore: ['**/node_modules/**', '**/vendor/**', '**/_output/**', '**/testdata/**'] })
    .filter((f) => !entry.include || entry.include.some((g) => minimatch(f, g)))
    .filter((f) => !entry.exclude || !entry.exclude.some((g) => minimatch(f, g)));
  const loaded = loadWorkspace(root, rootModuleDirs(goMods), options);
  for (const file of files) {
    const rel = path.relative(root, path.resolve(file)).split(path.sep).join('/');
    if (rel.startsWith('..')) throw new Error(`${file} is outside the workspace ${root}.`);
    const r = why(loaded, rel);
    if (r.chains.length === 0) {
      console.log(`${rel}: affects no binary${r.kind === 'none' ? ' (not part of a Go package or module file)' : ''}`);
      continue;
    }
    console.log(`${rel}: affects ${r.chains.length} binar${r.chains.length === 1 ? 'y' : 'ies'}`);
    for (const c of r.chains) console.log(`  ${c.binary}: ${c.chain.join(' -> ')}`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`nx-kube-build: ${(e as Error).message}`);
  process.exitCode = 1;
}
