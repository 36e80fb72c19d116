/** Build rows: B1 one containerized build against host `go build`, B2 a cached run-many, B4 `nx affected`; and what they share. */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Args, wanted } from '../lib/args';
import { RunResult, git, nx, nxEnv, run } from '../lib/measure';
import { PLATFORM_CONFIG, REPO_ROOT } from '../lib/paths';
import { Row, errorRow, median, ratioRow, skipRow } from '../lib/table';
import { Workspace, editNext, sampleWorkspace } from '../lib/workspaces';
import { dockerUp } from '../lib/machine';
import { DaemonMode, daemonEnv } from '../lib/daemon';

export interface Binary {
  name: string;
  moduleRoot: string;
  main: string;
  platforms: string[];
}

export interface BuildCtx {
  ws: Workspace;
  module: string;
  binaries: Binary[];
  /** The bench's own container Go cache: removed at the end. */
  volumes: string[];
  hostCache: string;
  scratch: string;
  /** The Nx daemon of the rows being measured. */
  daemon: DaemonMode;
  /** The warm rows' container Go cache (sharedVolume). */
  shared?: string;
}

export function buildPrereq(): string | undefined {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'executors', 'go-build', 'executor.js'))) return 'the go-build executor is not built';
  if (!dockerUp()) return 'no Docker Engine answers';
  return undefined;
}

export interface GraphNode {
  name: string;
  data: { root: string; tags?: string[]; targets?: Record<string, { options?: Record<string, unknown>; configurations?: Record<string, unknown> }> };
}

export function readGraph(ws: Workspace, scratch: string): GraphNode[] {
  const file = path.join(scratch, `graph-${process.hrtime.bigint()}.json`);
  nx(ws.dir, ['graph', `--file=${file}`]);
  const g = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Object.values(g.graph.nodes) as GraphNode[];
}

export function hostEnv(gocache: string, platform = 'linux/amd64'): NodeJS.ProcessEnv {
  const [goos, goarch] = platform.split('/');
  return { ...process.env, GOCACHE: gocache, CGO_ENABLED: '0', GOOS: goos, GOARCH: goarch, GOFLAGS: process.env.GOFLAGS ?? '' };
}

export function hostBuild(ctx: BuildCtx, b: Binary, gocache: string, platform = 'linux/amd64'): RunResult {
  const out = path.join(ctx.scratch, 'host-bin', platform.replace('/', '-'), b.name + (platform.startsWith('windows/') ? '.exe' : ''));
  // -s -w as hack/lib/golang.sh (and the executor) link, so both sides link the same way.
  return run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', out, b.main], { cwd: path.join(ctx.ws.dir, b.moduleRoot), env: hostEnv(gocache, platform) });
}

/** The make way: every binary in turn, as `make all` walks WHAT. */
export function hostBuildAll(ctx: BuildCtx): number {
  const t0 = process.hrtime.bigint();
  for (const b of ctx.binaries) hostBuild(ctx, b, ctx.hostCache);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Streams container start events while a command runs and counts those of
 * this workspace: labelled with its root or named with its hash, as the
 * executors name them. Other workspaces on the same engine are left out. The
 * engine keeps only a short event history, so asking afterwards with
 * --since/--until loses events on a busy engine; a live stream does not.
 */
export function watchContainers(ws: string, scratch: string): () => number {
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

export interface TaskCounts {
  ran: string[];
  cached: string[];
}

/** Tasks in nx's run output, split into executed and read from cache. */
export function taskCounts(out: string, target: string): TaskCounts {
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

export function nxBuild(ctx: BuildCtx, args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunResult & { containers: number } {
  const stop = watchContainers(ctx.ws.dir, ctx.scratch);
  try {
    const r = nx(ctx.ws.dir, args, nxEnv(ctx.ws.dir, { ...daemonEnv(ctx.daemon), ...extraEnv }));
    return { ...r, containers: stop() };
  } catch (e) {
    stop();
    throw e;
  }
}

/** Go packages (dirs, tree-relative, vendor and std excluded) each binary imports. */
export function depsOf(ctx: BuildCtx, b: Binary): string[] {
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

export function goFileIn(ctx: BuildCtx, dir: string): string {
  const f = fs.readdirSync(path.join(ctx.ws.dir, dir)).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
  if (f.length === 0) throw new Error(`no Go file in ${dir}`);
  return path.join(dir, f[0]);
}

export function setupBuild(args: Args, scratch: string): BuildCtx {
  void args;
  return setupBuildOn(sampleWorkspace(scratch), scratch);
}

/** Binaries with a linux-amd64 build, the module project, and the image built: what every build row needs. */
export function setupBuildOn(ws: Workspace, scratch: string): BuildCtx {
  const nodes = readGraph(ws, scratch);
  const mod = nodes.find((n) => n.data.tags?.includes('go:module') && (n.data.root === '.' || n.data.root === ''));
  if (!mod) throw new Error(`${ws.label} has no root Go module project`);
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
  if (binaries.length === 0) throw new Error(`${ws.label} has no binary with a linux-amd64 build`);
  const ctx: BuildCtx = {
    ws,
    module: mod.name,
    binaries,
    volumes: [],
    hostCache: fs.mkdtempSync(path.join(scratch, 'gocache-')),
    scratch,
    daemon: 'off',
  };
  // The image is a prerequisite of every row, not part of any.
  nx(ws.dir, ['run', `${ctx.module}:build-image`], nxEnv(ws.dir));
  return ctx;
}

/** One container Go cache for the warm rows of a context, kept across daemon modes (the cold rows take fresh ones). */
export function sharedVolume(ctx: BuildCtx): string {
  ctx.shared ??= newVolume(ctx, 'warm');
  return ctx.shared;
}

export function newVolume(ctx: BuildCtx, tag: string): string {
  const name = `nkb-bench-${tag}-${process.pid}-${ctx.volumes.length}`;
  ctx.volumes.push(name);
  return name;
}

export function b1Rows(ctx: BuildCtx, args: Args, rows: Row[]): string {
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
      editNext(path.join(ctx.ws.dir, file));
      c.push(nxBuild(ctx, ['run', target, flag]).ms);
      h.push(hostBuild(ctx, b, ctx.hostCache).ms);
    }
    rows.push(ratioRow('B1', `${b.name}, one file changed`, median(c), '(nx run, warm volume)', median(h), 'go build, warm GOCACHE', ctx.daemon === 'on' ? 2 : 1.3, `${file}; median of ${args.reps}`));
  } catch (e) {
    rows.push(errorRow('B1', `${b.name}, one file changed`, e));
  }
  git(ctx.ws.dir, 'commit', '-q', '-am', 'bench: B1 edits', '--allow-empty');
  return vol;
}

export function b2Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
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

export function b4Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
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
      editNext(path.join(ctx.ws.dir, file));
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
