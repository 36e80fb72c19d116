#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [--only G1,B2] [--no-build] [--keep] [--strict]
 *
 * Measures the plugin's graph rows (G*) against `go list` and the
 * containerized build rows (B*) against host `go build`, both sides in one
 * run, and prints one table. Ratios are what matter: absolute times depend on
 * the machine. Without --quick the table also goes to bench/RESULTS.md.
 */
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTree, PRESETS, PresetName, TreeSummary } from './generate-tree';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(REPO_ROOT, 'workspace');
const NX_BIN = require.resolve('nx/bin/nx.js', { paths: [REPO_ROOT] });
const PLATFORM_CONFIG = 'linux-amd64';

// ---------------------------------------------------------------- arguments

interface Args {
  quick: boolean;
  only?: Set<string>;
  build: boolean;
  keep: boolean;
  strict: boolean;
  reps: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { quick: false, build: true, keep: false, strict: false, reps: 3 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--quick') a.quick = true;
    else if (x === '--no-build') a.build = false;
    else if (x === '--keep') a.keep = true;
    else if (x === '--strict') a.strict = true;
    else if (x === '--only' || x.startsWith('--only=')) {
      const v = x.includes('=') ? x.slice(x.indexOf('=') + 1) : argv[++i] ?? '';
      a.only = new Set(v.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
    } else if (x === '--help' || x === '-h') {
      console.log('usage: node dist/bench/run.js [--quick] [--only G1,G2,G3,B1,B2,B3,B4] [--no-build] [--keep] [--strict]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${x} (try --help)`);
      process.exit(2);
    }
  }
  if (a.quick) a.reps = 1;
  return a;
}

const wanted = (args: Args, id: string): boolean => !args.only || args.only.has(id);

// ---------------------------------------------------------------- processes

interface RunResult {
  ms: number;
  code: number;
  out: string;
}

interface RunOpts {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  allowFail?: boolean;
}

function run(cmd: string, args: string[], o: RunOpts): RunResult {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const code = r.status ?? 1;
  if (code !== 0 && !o.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${code} in ${o.cwd}:\n${out.slice(-3000)}`);
  }
  return { ms, code, out };
}

/** Env for nx: no daemon, no cloud, plain output, all state kept inside the workspace. */
function nxEnv(ws: string, extra: NodeJS.ProcessEnv = {}, dataDir = 'workspace-data'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    CI: 'true',
    // Set explicitly so nx keeps its cache and DB here instead of a per-user shared dir.
    NX_CACHE_DIRECTORY: path.join(ws, '.nx', 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: path.join(ws, '.nx', dataDir),
    ...extra,
  };
}

/** With --keep, every nx output is saved here for a look afterwards. */
let logDir: string | undefined;
let logCount = 0;

function nx(ws: string, args: string[], env?: NodeJS.ProcessEnv, allowFail = false): RunResult {
  const r = run(process.execPath, [NX_BIN, ...args], { cwd: ws, env: env ?? nxEnv(ws), allowFail });
  if (logDir) fs.writeFileSync(path.join(logDir, `${String(++logCount).padStart(3, '0')}-nx.txt`), `$ nx ${args.join(' ')}  (${ws})\n${r.out}`);
  return r;
}

function git(ws: string, ...args: string[]): string {
  return run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], {
    cwd: ws,
  }).out.trim();
}

interface SampledRun extends RunResult {
  /** Peak of the summed RSS of the process and all its descendants, sampled. */
  treePeakKb: number;
  /** Largest single-process max RSS as /usr/bin/time -v reports it (reaped children included). */
  timeMaxKb?: number;
}

const PAGE_KB = (() => {
  try {
    return Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout.trim()) / 1024 || 4;
  } catch {
    return 4;
  }
})();

function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync('/proc')) {
    if (e.charCodeAt(0) < 48 || e.charCodeAt(0) > 57) continue;
    try {
      const s = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(e));
      else children.set(ppid, [Number(e)]);
    } catch {
      // The process ended between readdir and read.
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      kb += Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
    } catch {
      // Gone already.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb;
}

/** Runs a command under /usr/bin/time -v (when present) while sampling the process tree's RSS. */
function runSampled(cmd: string, args: string[], o: RunOpts, scratch: string): Promise<SampledRun> {
  const timeFile = path.join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const useTime = fs.existsSync('/usr/bin/time');
  const [c, a] = useTime ? ['/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 100);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const code = status ?? 1;
      let timeMaxKb: number | undefined;
      if (useTime) {
        try {
          const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'));
          if (m) timeMaxKb = Number(m[1]);
        } catch {
          // time wrote nothing: the command could not start.
        }
      }
      if (code !== 0 && !o.allowFail) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`));
        return;
      }
      resolve({ ms, code, out, treePeakKb: peak, timeMaxKb });
    });
  });
}

// ---------------------------------------------------------------- stats and formatting

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmtMs(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a >= 10_000) return `${sign}${(a / 1000).toFixed(1)} s`;
  if (a >= 1000) return `${sign}${(a / 1000).toFixed(2)} s`;
  return `${sign}${a.toFixed(0)} ms`;
}

const fmtMb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

interface Row {
  id: string;
  what: string;
  ours: string;
  theirs: string;
  ratio?: number;
  goal: string;
  /** undefined: no goal; a string: the row could not be measured. */
  pass?: boolean | string;
  notes: string;
}

function ratioRow(
  id: string,
  what: string,
  ours: number,
  oursText: string,
  theirs: number,
  theirsText: string,
  goal: number | undefined,
  notes: string,
  extraPass = true,
): Row {
  // A difference of two timings can come out below zero: the plugin's share is then within noise.
  const ratio = theirs > 0 ? Math.max(0, ours) / theirs : Number.POSITIVE_INFINITY;
  return {
    id,
    what,
    ours: `${fmtMs(ours)}${ours < 0 ? ' (within noise)' : ''} ${oursText}`.trim(),
    theirs: `${fmtMs(theirs)} ${theirsText}`.trim(),
    ratio,
    goal: goal === undefined ? '—' : `≤ ${goal}×`,
    pass: goal === undefined ? undefined : ratio <= goal && extraPass,
    notes,
  };
}

function errorRow(id: string, what: string, e: unknown): Row {
  const lines = (e instanceof Error ? e.message : String(e))
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // The command line, then the first line that says what went wrong.
  const cause = lines.slice(1).find((l) => /error|fail|cannot|could not|not found|denied|no such/i.test(l));
  const msg = [lines[0] ?? 'error', cause].filter(Boolean).join(' — ');
  process.stderr.write(`[bench] ${id} ${what}: ${lines.join('\n  ')}\n`);
  return { id, what, ours: '', theirs: '', goal: '', pass: 'error', notes: msg.slice(0, 300) };
}

function skipRow(id: string, what: string, why: string): Row {
  return { id, what, ours: '', theirs: '', goal: '', pass: `skipped: ${why}`, notes: '' };
}

function table(rows: Row[]): string {
  const head = ['Row', 'Measure', 'nx-kube-build', 'Reference', 'Ratio', 'Goal', 'Result', 'Notes'];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const result = r.pass === undefined ? 'info' : typeof r.pass === 'string' ? r.pass : r.pass ? 'PASS' : 'FAIL';
    const ratio = r.ratio === undefined ? '' : Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '∞';
    lines.push(`| ${[r.id, r.what, r.ours, r.theirs, ratio, r.goal, result, r.notes].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- workspaces

interface Workspace {
  label: string;
  dir: string;
  pluginOptions: Record<string, unknown>;
  tree?: TreeSummary;
}

function samplePluginOptions(): Record<string, unknown> {
  const nxJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'nx.json'), 'utf8'));
  const entry = (nxJson.plugins ?? []).find((p: unknown) => typeof p === 'object' && (p as { plugin: string }).plugin === 'nx-kube-build');
  return entry?.options ?? {};
}

/** Groups like the Kubernetes ones, naming only binaries the generated tree has. */
function treePluginOptions(t: TreeSummary): Record<string, unknown> {
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

function writeNxJson(ws: Workspace, withPlugin: boolean): void {
  const nxJson = { plugins: withPlugin ? [{ plugin: 'nx-kube-build', options: ws.pluginOptions }] : [] };
  fs.writeFileSync(path.join(ws.dir, 'nx.json'), JSON.stringify(nxJson, null, 2) + '\n');
}

/**
 * node_modules as an installed plugin would have it: the repo's packages, and
 * nx-kube-build as a real package dir whose built files link back to the repo.
 * Symlinking the repo itself would make Nx treat it as a local plugin and load
 * the TypeScript sources instead of dist/.
 */
function installPlugin(dir: string): void {
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
function wire(ws: Workspace): void {
  installPlugin(ws.dir);
  fs.writeFileSync(path.join(ws.dir, 'package.json'), JSON.stringify({ name: `bench-${ws.label}`, private: true }, null, 2) + '\n');
  fs.writeFileSync(path.join(ws.dir, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
  writeNxJson(ws, true);
  git(ws.dir, 'init', '-q', '-b', 'main');
  git(ws.dir, 'add', '-A');
  git(ws.dir, 'commit', '-q', '-m', 'bench tree');
  git(ws.dir, 'tag', 'v1.31.0-alpha.0');
}

function sampleWorkspace(scratch: string): Workspace {
  if (!fs.existsSync(path.join(SAMPLE, 'go.mod'))) throw new Error(`${SAMPLE}/go.mod is missing: the sample workspace is not there yet`);
  const dir = fs.mkdtempSync(path.join(scratch, 'workspace-'));
  fs.cpSync(SAMPLE, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !/\/(_output|\.nx|node_modules)(\/|$)/.test(src) });
  const ws: Workspace = { label: 'workspace', dir, pluginOptions: samplePluginOptions() };
  wire(ws);
  return ws;
}

function treeWorkspace(scratch: string, preset: PresetName): Workspace {
  const dir = path.join(scratch, `tree-${preset}`);
  const tree = generateTree(dir, PRESETS[preset]);
  const ws: Workspace = { label: `${preset} tree`, dir, pluginOptions: treePluginOptions(tree), tree };
  wire(ws);
  return ws;
}

/** Appends a declaration: changes the file's content (and so Nx's hash) without touching its imports. */
function editGoFile(file: string, n: number): void {
  fs.appendFileSync(file, `\n// Changed by the benchmark (${n}).\nvar benchEdit${n}${process.pid} = ${n}\n`);
}

let editCounter = 0;

// ---------------------------------------------------------------- graph rows

interface GraphTimes {
  goList: number;
}

function countProjects(out: string): number {
  return out.split('\n').filter((l) => /^[^\s>]\S*$/.test(l.trim()) && l.trim() !== '').length;
}

/** `nx show projects` timed in one configuration; cold drops all workspace data first. */
function showProjects(ws: Workspace, withPlugin: boolean, cold: boolean): RunResult {
  writeNxJson(ws, withPlugin);
  if (cold) fs.rmSync(path.join(ws.dir, '.nx'), { recursive: true, force: true });
  // Separate data dirs, so the two configurations never invalidate each other's warm state.
  return nx(ws.dir, ['show', 'projects'], nxEnv(ws.dir, {}, withPlugin ? 'wd-plugin' : 'wd-base'));
}

function goListDeps(ws: Workspace): RunResult {
  return run('go', ['list', '-deps', './...'], { cwd: ws.dir });
}

function graphRows(ws: Workspace, args: Args, rows: Row[]): GraphTimes | undefined {
  const reps = args.reps;
  let goList = 0;
  const label = ws.label;
  // Prime the page cache and node's compile cache for both sides.
  const pkgCount = goListDeps(ws).out.split('\n').filter(Boolean).length;
  showProjects(ws, false, true);
  if (wanted(args, 'G1') || wanted(args, 'G2') || wanted(args, 'G3')) {
    try {
      const plug: number[] = [];
      const base: number[] = [];
      const gl: number[] = [];
      let projects = 0;
      for (let i = 0; i < reps; i++) {
        base.push(showProjects(ws, false, true).ms);
        const r = showProjects(ws, true, true);
        plug.push(r.ms);
        projects = countProjects(r.out);
        gl.push(goListDeps(ws).ms);
      }
      goList = median(gl);
      const share = median(plug) - median(base);
      if (wanted(args, 'G1')) {
        rows.push(
          ratioRow(
            'G1',
            `graph cold, ${label}`,
            share,
            `(nx show projects ${fmtMs(median(plug))} − without plugin ${fmtMs(median(base))})`,
            goList,
            `go list -deps ./... (${pkgCount} pkgs)`,
            1.0,
            `${projects} projects; median of ${reps}`,
          ),
        );
      }
    } catch (e) {
      rows.push(errorRow('G1', `graph cold, ${label}`, e));
      return undefined;
    }
  }
  if (wanted(args, 'G2')) {
    try {
      // Warm both data dirs once, then time them unchanged.
      showProjects(ws, false, false);
      showProjects(ws, true, false);
      const plug: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < reps; i++) {
        base.push(showProjects(ws, false, false).ms);
        plug.push(showProjects(ws, true, false).ms);
      }
      const share = median(plug) - median(base);
      rows.push(
        ratioRow('G2', `graph warm, nothing changed, ${label}`, share, `(${fmtMs(median(plug))} − ${fmtMs(median(base))})`, goList, "G1's go list", 0.2, `median of ${reps}`),
      );
      const file = editableFile(ws);
      const plugC: number[] = [];
      const baseC: number[] = [];
      for (let i = 0; i < reps; i++) {
        editGoFile(path.join(ws.dir, file), ++editCounter);
        baseC.push(showProjects(ws, false, false).ms);
        plugC.push(showProjects(ws, true, false).ms);
      }
      const shareC = median(plugC) - median(baseC);
      rows.push(
        ratioRow('G2', `graph warm, one file changed, ${label}`, shareC, `(${fmtMs(median(plugC))} − ${fmtMs(median(baseC))})`, goList, "G1's go list", 0.2, `${file}; median of ${reps}`),
      );
    } catch (e) {
      rows.push(errorRow('G2', `graph warm, ${label}`, e));
    } finally {
      writeNxJson(ws, true);
    }
  }
  writeNxJson(ws, true);
  return { goList };
}

/** A non-test Go file of a root-module package: the generator's pick, else the first under pkg/. */
function editableFile(ws: Workspace): string {
  if (ws.tree?.fewBinariesFile) return ws.tree.fewBinariesFile;
  const out = run('go', ['list', '-f', '{{.Dir}} {{join .GoFiles " "}}', './...'], { cwd: ws.dir }).out;
  const lines = out.split('\n').filter((l) => l.includes(' ') && !/\/cmd\//.test(l));
  const prefer = lines.find((l) => l.startsWith(path.join(fs.realpathSync(ws.dir), 'pkg') + '/')) ?? lines[0];
  if (!prefer) throw new Error(`no Go package to edit in ${ws.dir}`);
  const [dir, first] = prefer.split(' ');
  return path.relative(fs.realpathSync(ws.dir), path.join(dir, first));
}

async function affectedRows(ws: Workspace, args: Args, g: GraphTimes | undefined, rows: Row[], scratch: string): Promise<void> {
  if (!wanted(args, 'G3')) return;
  const label = ws.label;
  try {
    writeNxJson(ws, true);
    const env = nxEnv(ws.dir, {}, 'wd-plugin');
    // Warm: the plugin's cache holds the tree as it was before the change.
    nx(ws.dir, ['show', 'projects'], env);
    const file = editableFile(ws);
    editGoFile(path.join(ws.dir, file), ++editCounter);
    git(ws.dir, 'commit', '-q', '-am', 'bench: one-file change');
    const goList = g?.goList ?? goListDeps(ws).ms;
    const cmd = ['show', 'projects', '--affected', '--base=HEAD~1'];
    for (const cold of [false, true]) {
      if (cold) fs.rmSync(path.join(ws.dir, '.nx'), { recursive: true, force: true });
      const r = await runSampled(process.execPath, [NX_BIN, ...cmd], { cwd: ws.dir, env }, scratch);
      const affected = countProjects(r.out);
      const rss = `peak RSS: process tree ${fmtMb(r.treePeakKb)} (sampled)${r.timeMaxKb ? `, largest process ${fmtMb(r.timeMaxKb)} (time -v)` : ''}`;
      rows.push(
        ratioRow(
          'G3',
          `nx show projects --affected, ${cold ? 'cold' : 'warm'}, ${label}`,
          r.ms,
          '(whole command)',
          goList,
          "G1's go list",
          undefined,
          `${affected} projects affected by ${file}; ${rss}`,
        ),
      );
    }
  } catch (e) {
    rows.push(errorRow('G3', `affected, ${label}`, e));
  }
}

// ---------------------------------------------------------------- build rows

interface Binary {
  name: string;
  moduleRoot: string;
  main: string;
  platforms: string[];
}

interface BuildCtx {
  ws: Workspace;
  module: string;
  binaries: Binary[];
  /** The bench's own container Go cache: removed at the end. */
  volumes: string[];
  hostCache: string;
  scratch: string;
}

function dockerUp(): string | undefined {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function buildPrereq(): string | undefined {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'executors', 'go-build', 'executor.js'))) return 'the go-build executor is not built';
  if (!dockerUp()) return 'no Docker Engine answers';
  return undefined;
}

interface GraphNode {
  name: string;
  data: { root: string; tags?: string[]; targets?: Record<string, { options?: Record<string, unknown>; configurations?: Record<string, unknown> }> };
}

function readGraph(ws: Workspace, scratch: string): GraphNode[] {
  const file = path.join(scratch, `graph-${process.hrtime.bigint()}.json`);
  nx(ws.dir, ['graph', `--file=${file}`]);
  const g = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Object.values(g.graph.nodes) as GraphNode[];
}

function hostEnv(gocache: string, platform = 'linux/amd64'): NodeJS.ProcessEnv {
  const [goos, goarch] = platform.split('/');
  return { ...process.env, GOCACHE: gocache, CGO_ENABLED: '0', GOOS: goos, GOARCH: goarch, GOFLAGS: process.env.GOFLAGS ?? '' };
}

function hostBuild(ctx: BuildCtx, b: Binary, gocache: string, platform = 'linux/amd64'): RunResult {
  const out = path.join(ctx.scratch, 'host-bin', platform.replace('/', '-'), b.name + (platform.startsWith('windows/') ? '.exe' : ''));
  // -s -w as hack/lib/golang.sh (and the executor) link, so both sides link the same way.
  return run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', out, b.main], { cwd: path.join(ctx.ws.dir, b.moduleRoot), env: hostEnv(gocache, platform) });
}

/** The make way: every binary in turn, as `make all` walks WHAT. */
function hostBuildAll(ctx: BuildCtx): number {
  const t0 = process.hrtime.bigint();
  for (const b of ctx.binaries) hostBuild(ctx, b, ctx.hostCache);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Streams container start events while a command runs and counts those of
 * this workspace: labelled with its root or named with its hash, as the
 * executors name them. Other workspaces on the same engine are left out. The
 * engine keeps only a short event history, so asking afterwards with
 * --since/--until loses events on a busy engine; a live stream does not.
 */
function watchContainers(ws: string, scratch: string): () => number {
  const roots = new Set([path.resolve(ws), fs.realpathSync(ws)]);
  const hashes = [...roots].map((r) => createHash('sha256').update(r).digest('hex').slice(0, 8));
  const file = path.join(scratch, `events-${process.hrtime.bigint()}.txt`);
  const fd = fs.openSync(file, 'w');
  const format = '{{.Actor.Attributes.name}}\t{{index .Actor.Attributes "io.nx-kube-build.workspace"}}';
  const watcher = spawn('docker', ['events', '--filter', 'type=container', '--filter', 'event=start', '--format', format], {
    stdio: ['ignore', fd, 'ignore'],
  });
  fs.closeSync(fd);
  sleepSync(500); // connected before the command starts anything
  return () => {
    sleepSync(500); // the last events reach the stream
    watcher.kill('SIGTERM');
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .filter((l) => {
        const [name, label] = l.split('\t');
        return roots.has(label) || hashes.some((h) => name.includes(`-${h}-`) || name.endsWith(`-${h}`));
      }).length;
  };
}

interface TaskCounts {
  ran: string[];
  cached: string[];
}

/** Tasks in nx's run output, split into executed and read from cache. */
function taskCounts(out: string, target: string): TaskCounts {
  const ran = new Set<string>();
  const cached = new Set<string>();
  const re = new RegExp(`^\\s*>\\s+nx run ([^\\s:]+):${target}(?::\\S+)?(?=\\s|$)(.*)$`);
  for (const line of out.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    // nx annotates hits as [local cache], [remote cache] or [existing outputs match the cache, left as is].
    if (/\[(?:local cache|remote cache|existing outputs)/i.test(m[2])) cached.add(m[1]);
    else ran.add(m[1]);
  }
  for (const c of cached) ran.delete(c);
  return { ran: [...ran], cached: [...cached] };
}

function nxBuild(ctx: BuildCtx, args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunResult & { containers: number } {
  const stop = watchContainers(ctx.ws.dir, ctx.scratch);
  try {
    const r = nx(ctx.ws.dir, args, nxEnv(ctx.ws.dir, extraEnv));
    return { ...r, containers: stop() };
  } catch (e) {
    stop();
    throw e;
  }
}

/** Go packages (dirs, tree-relative, vendor and std excluded) each binary imports. */
function depsOf(ctx: BuildCtx, b: Binary): string[] {
  const root = fs.realpathSync(ctx.ws.dir);
  const out = run('go', ['list', '-deps', '-f', '{{if not .Standard}}{{.Dir}}{{end}}', b.main], {
    cwd: path.join(ctx.ws.dir, b.moduleRoot),
    env: hostEnv(ctx.hostCache),
  }).out;
  return out
    .split('\n')
    .filter(Boolean)
    .map((d) => path.relative(root, fs.realpathSync(d)))
    .filter((d) => !d.startsWith('..') && !d.split('/').includes('vendor'));
}

function goFileIn(ctx: BuildCtx, dir: string): string {
  const f = fs.readdirSync(path.join(ctx.ws.dir, dir)).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
  if (f.length === 0) throw new Error(`no Go file in ${dir}`);
  return path.join(dir, f[0]);
}

function setupBuild(args: Args, scratch: string): BuildCtx {
  const ws = sampleWorkspace(scratch);
  const nodes = readGraph(ws, scratch);
  const mod = nodes.find((n) => n.data.tags?.includes('go:module') && (n.data.root === '.' || n.data.root === ''));
  if (!mod) throw new Error('the sample workspace has no root Go module project');
  const binaries: Binary[] = nodes
    .filter((n) => n.data.tags?.includes('go:binary'))
    .map((n) => {
      const t = n.data.targets?.build;
      return {
        name: n.name,
        moduleRoot: String(t?.options?.moduleRoot ?? ''),
        main: String(t?.options?.main ?? `./cmd/${n.name}`),
        platforms: Object.keys(t?.configurations ?? {}).map((c) => c.replace('-', '/')),
      };
    })
    .filter((b) => b.platforms.includes('linux/amd64'))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (binaries.length === 0) throw new Error('the sample workspace has no binary with a linux-amd64 build');
  const ctx: BuildCtx = {
    ws,
    module: mod.name,
    binaries,
    volumes: [],
    hostCache: fs.mkdtempSync(path.join(scratch, 'gocache-')),
    scratch,
  };
  // The image is a prerequisite of every row, not part of any.
  nx(ws.dir, ['run', `${ctx.module}:build-image`], nxEnv(ws.dir));
  void args;
  return ctx;
}

function newVolume(ctx: BuildCtx, tag: string): string {
  const name = `nkb-bench-${tag}-${process.pid}-${ctx.volumes.length}`;
  ctx.volumes.push(name);
  return name;
}

function b1Rows(ctx: BuildCtx, args: Args, rows: Row[]): string {
  const b = ctx.binaries.find((x) => x.name === 'kubelet') ?? ctx.binaries[0];
  const vol = newVolume(ctx, 'b1');
  const target = `${b.name}:build:${PLATFORM_CONFIG}`;
  const flag = `--cacheVolume=${vol}`;
  // Cold: nothing cached anywhere.
  if (!args.quick && wanted(args, 'B1')) {
    try {
      const c = nxBuild(ctx, ['run', target, flag, '--skip-nx-cache']);
      const coldCache = fs.mkdtempSync(path.join(ctx.scratch, 'gocache-cold-'));
      const h = hostBuild(ctx, b, coldCache);
      rows.push(ratioRow('B1', `${b.name}, cold (empty Go caches)`, c.ms, `(nx run ${target}, fresh volume)`, h.ms, 'go build -trimpath -ldflags="-s -w", empty GOCACHE', 1.1, `${c.containers} container(s)`));
    } catch (e) {
      rows.push(errorRow('B1', `${b.name}, cold`, e));
    }
  } else if (wanted(args, 'B1')) rows.push(skipRow('B1', `${b.name}, cold`, '--quick'));
  // Warm both caches.
  nxBuild(ctx, ['run', target, flag]);
  hostBuild(ctx, b, ctx.hostCache);
  if (!wanted(args, 'B1')) return vol;
  try {
    const c: number[] = [];
    const h: number[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, ['run', target, flag]);
      containers += r.containers;
      c.push(r.ms);
      h.push(hostBuild(ctx, b, ctx.hostCache).ms);
    }
    rows.push(ratioRow('B1', `${b.name}, no change`, median(c), '(Nx cache hit)', median(h), 'go build no-op, warm GOCACHE', undefined, `${containers} container(s) started; median of ${args.reps}`));
  } catch (e) {
    rows.push(errorRow('B1', `${b.name}, no change`, e));
  }
  try {
    const deps = depsOf(ctx, b).filter((d) => d !== path.normalize(path.join(b.moduleRoot, b.main)));
    const dir = deps.find((d) => d.startsWith('pkg/')) ?? deps[Math.floor(deps.length / 2)];
    if (!dir) throw new Error(`${b.name} imports no package of the workspace`);
    const file = goFileIn(ctx, dir);
    const c: number[] = [];
    const h: number[] = [];
    for (let i = 0; i < args.reps; i++) {
      editGoFile(path.join(ctx.ws.dir, file), ++editCounter);
      c.push(nxBuild(ctx, ['run', target, flag]).ms);
      h.push(hostBuild(ctx, b, ctx.hostCache).ms);
    }
    rows.push(ratioRow('B1', `${b.name}, one file changed`, median(c), '(nx run, warm volume)', median(h), 'go build, warm GOCACHE', 1.3, `${file}; median of ${args.reps}`));
  } catch (e) {
    rows.push(errorRow('B1', `${b.name}, one file changed`, e));
  }
  git(ctx.ws.dir, 'commit', '-q', '-am', 'bench: B1 edits', '--allow-empty');
  return vol;
}

function b2Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
  const cmd = ['run-many', '-t', 'build', '-c', PLATFORM_CONFIG, '--projects', 'tag:go:binary', '--output-style=static', `--cacheVolume=${vol}`];
  // Fill the Nx cache and the host cache first.
  nxBuild(ctx, cmd);
  hostBuildAll(ctx);
  if (!wanted(args, 'B2')) return;
  try {
    const c: number[] = [];
    const h: number[] = [];
    let containers = 0;
    let cachedTasks = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, cmd);
      containers += r.containers;
      cachedTasks = taskCounts(r.out, 'build').cached.length;
      c.push(r.ms);
      h.push(hostBuildAll(ctx));
    }
    rows.push(
      ratioRow(
        'B2',
        `no-op rebuild of all ${ctx.binaries.length} binaries`,
        median(c),
        '(nx run-many, all cached)',
        median(h),
        'go build of each binary, warm GOCACHE',
        0.5,
        `${containers} container(s) started (goal 0); ${cachedTasks} build task(s) from cache; median of ${args.reps}`,
        containers === 0,
      ),
    );
    rows[rows.length - 1].goal = '≤ 0.5× and 0 containers';
  } catch (e) {
    rows.push(errorRow('B2', 'no-op rebuild of every binary', e));
  }
}

function b4Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
  if (!wanted(args, 'B4')) return;
  try {
    // The workspace package reached by the fewest binaries (but at least one).
    const reach = new Map<string, number>();
    for (const b of ctx.binaries) {
      const main = path.normalize(path.join(b.moduleRoot, b.main));
      for (const d of depsOf(ctx, b)) if (d !== main) reach.set(d, (reach.get(d) ?? 0) + 1);
    }
    const ranked = [...reach].filter(([d]) => !/(^|\/)cmd\/[^/]+$/.test(d)).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    if (ranked.length === 0) throw new Error('no workspace package is imported by a binary');
    const [dir, count] = ranked[0];
    const file = goFileIn(ctx, dir);
    const c: number[] = [];
    const h: number[] = [];
    let built: string[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      editGoFile(path.join(ctx.ws.dir, file), ++editCounter);
      git(ctx.ws.dir, 'commit', '-q', '-am', `bench: B4 edit ${i}`);
      const r = nxBuild(ctx, ['affected', '-t', 'build', '-c', PLATFORM_CONFIG, '--base=HEAD~1', '--output-style=static', `--cacheVolume=${vol}`]);
      built = taskCounts(r.out, 'build').ran;
      containers = r.containers;
      c.push(r.ms);
      h.push(hostBuildAll(ctx));
    }
    rows.push(
      ratioRow(
        'B4',
        `one file changed in a package ${count} of ${ctx.binaries.length} binaries import`,
        median(c),
        '(nx affected -t build)',
        median(h),
        `go build of all ${ctx.binaries.length} binaries`,
        0.7,
        `${file}; nx built ${built.length} (${built.join(', ') || 'none'}), ${containers} container(s); make way built ${ctx.binaries.length}; median of ${args.reps}`,
      ),
    );
  } catch (e) {
    rows.push(errorRow('B4', 'one-file change, few binaries', e));
  }
}

function b3Rows(ctx: BuildCtx, args: Args, rows: Row[]): void {
  if (!wanted(args, 'B3')) return;
  const b = ctx.binaries.find((x) => x.name === 'kubelet') ?? ctx.binaries[0];
  if (args.quick) {
    rows.push(skipRow('B3', `${b.name} cross`, '--quick'));
    return;
  }
  // cross starts nested nx runs, which take no override: the fresh volume goes
  // through targetDefaults and the cache skip through the env they inherit.
  const nxJsonFile = path.join(ctx.ws.dir, 'nx.json');
  const saved = fs.readFileSync(nxJsonFile, 'utf8');
  const withVolume = JSON.parse(saved);
  withVolume.targetDefaults = { build: { options: { cacheVolume: newVolume(ctx, 'b3') } } };
  fs.writeFileSync(nxJsonFile, JSON.stringify(withVolume, null, 2) + '\n');
  try {
    const cold = nxBuild(ctx, ['run', `${b.name}:cross`], { NX_SKIP_NX_CACHE: 'true' });
    const coldCache = fs.mkdtempSync(path.join(ctx.scratch, 'gocache-cross-'));
    let hostCold = 0;
    for (const p of b.platforms) hostCold += hostBuild(ctx, b, coldCache, p).ms;
    rows.push(
      ratioRow('B3', `${b.name} cross, ${b.platforms.length} platforms, cold (Nx cache skipped, empty Go caches)`, cold.ms, `(nx run ${b.name}:cross)`, hostCold, 'go build per platform, empty GOCACHE', undefined, `${cold.containers} container(s); ${b.platforms.join(' ')}`),
    );
    // A skipped cache may not have stored the results: one untimed run fills it.
    const refill = nxBuild(ctx, ['run', `${b.name}:cross`]).containers;
    const w: number[] = [];
    const hw: number[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, ['run', `${b.name}:cross`]);
      containers += r.containers;
      w.push(r.ms);
      const t0 = process.hrtime.bigint();
      for (const p of b.platforms) hostBuild(ctx, b, coldCache, p);
      hw.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push(ratioRow('B3', `${b.name} cross, warm (all cache hits)`, median(w), '', median(hw), 'go build per platform, warm GOCACHE', undefined, `${containers} container(s) started; ${refill} in the untimed run after the cold one; median of ${args.reps}`));
  } catch (e) {
    rows.push(errorRow('B3', `${b.name} cross`, e));
  } finally {
    fs.writeFileSync(nxJsonFile, saved);
  }
}

async function buildRows(args: Args, scratch: string, rows: Row[]): Promise<void> {
  const ids = ['B1', 'B2', 'B3', 'B4'].filter((id) => wanted(args, id));
  if (ids.length === 0) return;
  const why = !args.build ? '--no-build' : buildPrereq();
  if (why) {
    for (const id of ids) rows.push(skipRow(id, 'build rows', why));
    return;
  }
  let ctx: BuildCtx | undefined;
  try {
    ctx = setupBuild(args, scratch);
    const vol = b1Rows(ctx, args, rows);
    b2Rows(ctx, args, vol, rows);
    b4Rows(ctx, args, vol, rows);
    b3Rows(ctx, args, rows);
  } catch (e) {
    for (const id of ids) if (!rows.some((r) => r.id === id)) rows.push(errorRow(id, 'build rows', e));
  } finally {
    for (const v of ctx?.volumes ?? []) spawnSync('docker', ['volume', 'rm', '-f', v], { stdio: 'ignore' });
  }
}

// ---------------------------------------------------------------- machine

const loadAtStart = os.loadavg()[0];

function machine(): string[] {
  const cpus = os.cpus();
  const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout?.trim() ?? 'no go';
  const docker = dockerUp();
  return [
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Go: ${goVersion}`,
    `- Docker Engine: ${docker ?? 'not reachable'}`,
    // Other work on the machine skews timings; this says whether it was quiet.
    `- Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`,
    `- Node ${process.version}, nx ${require(require.resolve('nx/package.json', { paths: [REPO_ROOT] })).version}`,
  ];
}

function treeLine(t: TreeSummary): string {
  return (
    `- Generated tree: ${t.packages} packages, ${t.goFiles} .go files (${t.testFiles} tests), ${t.binaries.length} binaries, ` +
    `${t.vendoredModules} vendored modules, ${t.stagingModules.length} staging modules, ${t.importEdges} import edges; ` +
    `most imported: ${t.topFanIn.map((f) => `${f.importPath} (${f.importers})`).join(', ')}; median importers ${t.medianFanIn}`
  );
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const started = Date.now();
  if (args.keep) fs.mkdirSync((logDir = path.join(scratch, 'logs')));
  const log = (s: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${s}\n`);
  try {
    const graphIds = ['G1', 'G2', 'G3'].filter((id) => wanted(args, id));
    if (graphIds.length > 0) {
      const spaces: (() => Workspace)[] = [() => sampleWorkspace(scratch), () => treeWorkspace(scratch, args.quick ? 'tiny' : 'k8s')];
      for (const make of spaces) {
        let ws: Workspace;
        try {
          ws = make();
        } catch (e) {
          for (const id of graphIds) rows.push(errorRow(id, 'graph rows', e));
          continue;
        }
        if (ws.tree) notes.push(treeLine(ws.tree));
        log(`graph rows on ${ws.label}`);
        const g = graphRows(ws, args, rows);
        // G3 is about the big tree; the sample is too small for it to say much.
        if (ws.tree) await affectedRows(ws, args, g, rows, scratch);
      }
    }
    log('build rows');
    await buildRows(args, scratch, rows);
  } finally {
    if (!args.keep) fs.rmSync(scratch, { recursive: true, force: true });
    else log(`kept ${scratch}`);
  }

  const text = table(rows);
  console.log(text);
  const meta = machine();
  console.log(['', ...meta, ...notes].join('\n'));
  if (!args.quick) {
    const md = [
      '# Benchmark results',
      '',
      `Measured by \`npm run bench${args.only ? ` -- --only ${[...args.only].join(',')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}; both sides of each row in the same run.`,
      'Graph rows subtract `nx show projects` without the plugin from the same command with it (the plugin\'s share).',
      'Ratios are nx-kube-build ÷ reference; a goal is met when the ratio is at or below it.',
      '',
      text,
      '',
      ...meta,
      ...notes,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), md);
  }
  const errors = rows.filter((r) => r.pass === 'error');
  const misses = rows.filter((r) => r.pass === false);
  return errors.length > 0 || (args.strict && misses.length > 0) ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
