/** The workspaces measured: the sample and a generated Kubernetes-scale tree, wired to this build of the plugin. */
import * as fs from 'fs';
import * as path from 'path';
import { generateTree, PRESETS, PresetName, TreeSummary } from '../generate-tree';
import { git } from './measure';
import { REPO_ROOT, SAMPLE } from './paths';

export interface Workspace {
  label: string;
  dir: string;
  pluginOptions: Record<string, unknown>;
  tree?: TreeSummary;
}

export function samplePluginOptions(): Record<string, unknown> {
  const nxJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'nx.json'), 'utf8'));
  const entry = (nxJson.plugins ?? []).find((p: unknown) => typeof p === 'object' && (p as { plugin: string }).plugin === 'nx-kube-build');
  return entry?.options ?? {};
}

/** Groups like the Kubernetes ones, naming only binaries the generated tree has. */
export function treePluginOptions(t: TreeSummary): Record<string, unknown> {
  const has = (xs: string[]) => xs.filter((x) => t.binaries.includes(x));
  return {
    groups: {
      server: { targets: has(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kubelet', 'kubeadm']) },
      node: { targets: has(['kube-proxy', 'kubeadm', 'kubelet']) },
      client: { targets: has(['kubectl', 'kubectl-convert']) },
      'test-server': { targets: has(['kubemark']) },
    },
  };
}

export function writeNxJson(ws: Workspace, withPlugin: boolean): void {
  const nxJson = { plugins: withPlugin ? [{ plugin: 'nx-kube-build', options: ws.pluginOptions }] : [] };
  fs.writeFileSync(path.join(ws.dir, 'nx.json'), JSON.stringify(nxJson, null, 2) + '\n');
}

/**
 * node_modules as an installed plugin would have it: the repo's packages, and
 * nx-kube-build as a real package dir whose built files link back to the repo.
 * Symlinking the repo itself would make Nx treat it as a local plugin and load
 * the TypeScript sources instead of dist/.
 */
export function installPlugin(dir: string): void {
  const from = path.join(REPO_ROOT, 'node_modules');
  const nm = path.join(dir, 'node_modules');
  fs.mkdirSync(nm);
  for (const e of fs.readdirSync(from)) if (e !== 'nx-kube-build') fs.symlinkSync(path.join(from, e), path.join(nm, e));
  const pkg = path.join(nm, 'nx-kube-build');
  fs.mkdirSync(pkg);
  for (const f of ['package.json', 'executors.json', 'generators.json']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(pkg, f));
  for (const d of ['dist', 'executors', 'generators']) fs.symlinkSync(path.join(REPO_ROOT, d), path.join(pkg, d));
}

/** Makes `dir` an Nx workspace using this repo's build of the plugin, and a git repo with one commit. */
export function wire(ws: Workspace): void {
  installPlugin(ws.dir);
  fs.writeFileSync(path.join(ws.dir, 'package.json'), JSON.stringify({ name: `bench-${ws.label}`, private: true }, null, 2) + '\n');
  fs.writeFileSync(path.join(ws.dir, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
  writeNxJson(ws, true);
  git(ws.dir, 'init', '-q', '-b', 'main');
  git(ws.dir, 'add', '-A');
  git(ws.dir, 'commit', '-q', '-m', 'bench tree');
  git(ws.dir, 'tag', 'v1.31.0-alpha.0');
}

export function sampleWorkspace(scratch: string): Workspace {
  if (!fs.existsSync(path.join(SAMPLE, 'go.mod'))) throw new Error(`${SAMPLE}/go.mod is missing: the sample workspace is not there yet`);
  const dir = fs.mkdtempSync(path.join(scratch, 'workspace-'));
  fs.cpSync(SAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !/\/(_output|\.nx|node_modules)(\/|$)/.test(src) });
  const ws: Workspace = { label: 'workspace', dir, pluginOptions: samplePluginOptions() };
  wire(ws);
  return ws;
}

export function treeWorkspace(scratch: string, preset: PresetName): Workspace {
  const dir = path.join(scratch, `tree-${preset}`);
  const tree = generateTree(dir, PRESETS[preset]);
  const ws: Workspace = { label: `${preset} tree`, dir, pluginOptions: treePluginOptions(tree), tree };
  wire(ws);
  return ws;
}

/** Appends a declaration: changes the file's content (and so Nx's hash) without touching its imports. */
export function editGoFile(file: string, n: number): void {
  fs.appendFileSync(file, `\n// Changed by the benchmark (${n}).\nvar benchEdit${n}${process.pid} = ${n}\n`);
}

let editCounter = 0;

/** Edits `file` with the next declaration of the run, so every edit changes its content. */
export function editNext(file: string): void {
  editGoFile(file, ++editCounter);
}
