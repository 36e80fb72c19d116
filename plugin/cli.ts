#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspace, modelOf } from './load';
import { printVerdicts, verifyBinaries } from './verify';
import { KubeBuildPluginOptions, normalizeOptions } from './options';
import { why } from './why';
import { discoverRoots } from './discover';

const USAGE = [
  'usage: nx-kube-build why <file> [<file>...]        which binaries a change to each file affects, and through which imports',
  '       nx-kube-build verify [--go <go>] [<binary>...]  compare each binary\'s package closure with `go list -deps` (needs Go on the host)',
  '       nx-kube-build version [--file <f>]             the version facts version.sh derives; --file writes them for KUBE_GIT_VERSION_FILE',
  '       nx-kube-build clean                          remove containers and partial binaries that killed runs of this workspace left behind',
  '(run inside an Nx workspace)',
].join('\n');

export function findWorkspaceRoot(from: string): string {
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

function load(): { root: string; loaded: ReturnType<typeof loadWorkspace> } {
  const root = findWorkspaceRoot(process.cwd());
  const entry = pluginEntry(root);
  const options = normalizeOptions(entry.options);
  // The same files Nx hands createNodes, within the entry's include/exclude.
  return { root, loaded: loadWorkspace(root, discoverRoots(root, entry.include, entry.exclude), options) };
}

async function verify(args: string[]): Promise<number> {
  let goBin = process.env.GO ?? 'go';
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--go') goBin = args[++i] ?? goBin;
    else if (args[i].startsWith('--go=')) goBin = args[i].slice(5);
    else only.push(args[i]);
  }
  const { loaded } = load();
  const binaries = modelOf(loaded).binaries;
  const known = new Set(binaries.filter((b) => !b.testBinary).map((b) => b.name));
  const tests = only.filter((b) => binaries.some((x) => x.testBinary && x.name === b));
  if (tests.length > 0) throw new Error(`${tests.join(', ')}: verify compares main binaries, not test binaries (testBinaries); leave ${tests.length === 1 ? 'it' : 'them'} out.`);
  const unknown = only.filter((b) => !known.has(b));
  if (unknown.length > 0) throw new Error(`No binary named ${unknown.join(', ')}: binaries are ${[...known].sort().join(', ')}.`);
  const verdicts = await verifyBinaries(loaded, { goBin, only: only.length ? only : undefined });
  return printVerdicts(verdicts, (l) => console.log(l));
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...files] = argv;
  if (cmd === 'verify') return verify(files);
  if (cmd !== 'why' || files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const { root, loaded } = load();
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

/** Runs `main` and sets the exit code; errors are one line. */
export function runCli(run: (argv: string[]) => Promise<number>, argv = process.argv.slice(2)): void {
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`nx-kube-build: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli(main);
