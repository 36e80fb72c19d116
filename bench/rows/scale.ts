/**
 * Build rows at Kubernetes scale, on the generated tree (45 binaries over
 * 3,245 packages): B5 a cold build of every binary, B6 a one-file change
 * reaching about a tenth of them, B7 a no-op with everything cached. Each
 * against the make way (host go, each binary in turn) and B5 also against the
 * floor: one host `go build` of every binary at once, empty cache.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Args, wanted } from '../lib/args';
import { git, run } from '../lib/measure';
import { PLATFORM_CONFIG, SAMPLE } from '../lib/paths';
import { Row, errorRow, median, ratioRow, skipRow } from '../lib/table';
import { Workspace, editNext } from '../lib/workspaces';
import { BuildCtx, hostBuild, hostEnv, newVolume, nxBuild, sharedVolume, taskCounts } from './build';

/** The tree as a user would have it for builds: the sample's build image definition, committed. */
export function withBuildImage(ws: Workspace): Workspace {
  fs.cpSync(path.join(SAMPLE, 'build', 'build-image'), path.join(ws.dir, 'build', 'build-image'), { recursive: true });
  git(ws.dir, 'add', '-A');
  git(ws.dir, 'commit', '-q', '-m', 'bench: build image');
  return ws;
}

const runMany = (vol: string, extra: string[] = []): string[] => [
  'run-many', '-t', 'build', '-c', PLATFORM_CONFIG, '--projects', 'tag:go:binary', '--output-style=static', `--cacheVolume=${vol}`, ...extra,
];

/** The make way: every binary in turn with one host cache (empty at first for a cold run). */
function makeWay(ctx: BuildCtx, gocache: string): number {
  const t0 = process.hrtime.bigint();
  for (const b of ctx.binaries) hostBuild(ctx, b, gocache);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The floor: one `go build -o dir/` of every main per module, as one go command shares its work. */
function floor(ctx: BuildCtx, gocache: string): number {
  const byModule = new Map<string, string[]>();
  for (const b of ctx.binaries) byModule.set(b.moduleRoot, [...(byModule.get(b.moduleRoot) ?? []), b.main]);
  const out = fs.mkdtempSync(path.join(ctx.scratch, 'floor-bin-'));
  const t0 = process.hrtime.bigint();
  for (const [root, mains] of byModule) {
    run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', out + '/', ...mains], { cwd: path.join(ctx.ws.dir, root), env: hostEnv(gocache) });
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function b5Rows(ctx: BuildCtx, args: Args, rows: Row[]): void {
  if (!wanted(args, 'B5')) return;
  const n = ctx.binaries.length;
  if (args.quick) {
    rows.push(skipRow('B5', `cold build of all ${n} binaries, ${ctx.ws.label}`, '--quick'));
    return;
  }
  const vol = newVolume(ctx, 'b5');
  try {
    const r = nxBuild(ctx, runMany(vol, ['--skip-nx-cache']));
    const floorMs = floor(ctx, fs.mkdtempSync(path.join(ctx.scratch, 'gocache-floor-')));
    const makeMs = makeWay(ctx, fs.mkdtempSync(path.join(ctx.scratch, 'gocache-make-')));
    const notes = `${r.containers} container(s) started (per-task containers: ${n}; goal ≤ ${Math.floor(n / 2)})`;
    const what = `cold build of all ${n} binaries, ${ctx.ws.label} (Nx cache skipped, empty Go caches)`;
    rows.push(ratioRow('B5', `${what} vs the floor`, r.ms, '(nx run-many -t build)', floorMs, 'one go build -o dir/ of every main, empty GOCACHE', 1.2, notes, r.containers <= n / 2));
    rows[rows.length - 1].goal = '≤ 1.2× and ≤ 0.5× containers';
    rows.push(ratioRow('B5', `${what} vs the make way`, r.ms, '(same run)', makeMs, 'go build of each binary in turn, GOCACHE empty at first', undefined, notes));
  } catch (e) {
    rows.push(errorRow('B5', `cold build of every binary, ${ctx.ws.label}`, e));
  }
}

export function b7Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
  // Untimed: fills the Nx cache (B5 skipped reading it) and the host cache.
  nxBuild(ctx, runMany(vol));
  makeWay(ctx, ctx.hostCache);
  if (!wanted(args, 'B7')) return;
  try {
    const c: number[] = [];
    const h: number[] = [];
    let containers = 0;
    let cached = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, runMany(vol));
      containers += r.containers;
      cached = taskCounts(r.out, 'build').cached.length;
      c.push(r.ms);
      h.push(makeWay(ctx, ctx.hostCache));
    }
    const n = ctx.binaries.length;
    rows.push(
      ratioRow('B7', `no-op rebuild of all ${n} binaries, ${ctx.ws.label}`, median(c), '(nx run-many, all cached)', median(h), 'go build of each binary, warm GOCACHE', 0.3, `${containers} container(s) started (goal 0); ${cached} of ${n} from cache; median of ${args.reps}`, containers === 0),
    );
    rows[rows.length - 1].goal = '≤ 0.3× and 0 containers';
  } catch (e) {
    rows.push(errorRow('B7', `no-op rebuild, ${ctx.ws.label}`, e));
  }
}

export function b6Rows(ctx: BuildCtx, args: Args, vol: string, rows: Row[]): void {
  const tree = ctx.ws.tree;
  if (!wanted(args, 'B6') || !tree) return;
  try {
    const file = tree.tenthBinariesFile;
    if (!file) throw new Error(`${ctx.ws.label} has no package that about a tenth of its binaries import`);
    const c: number[] = [];
    const h: number[] = [];
    let built: string[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      editNext(path.join(ctx.ws.dir, file));
      git(ctx.ws.dir, 'commit', '-q', '-am', `bench: B6 edit ${i}`);
      const r = nxBuild(ctx, ['affected', '-t', 'build', '-c', PLATFORM_CONFIG, '--base=HEAD~1', '--output-style=static', `--cacheVolume=${vol}`]);
      built = taskCounts(r.out, 'build').ran;
      containers = r.containers;
      c.push(r.ms);
      h.push(makeWay(ctx, ctx.hostCache));
    }
    const n = ctx.binaries.length;
    rows.push(
      ratioRow('B6', `one file changed in a package ${tree.tenthBinariesCount} of ${n} binaries import, ${ctx.ws.label}`, median(c), '(nx affected -t build)', median(h), `go build of all ${n} binaries in turn, warm GOCACHE`, 0.3, `${file}; nx built ${built.length}, ${containers} container(s); median of ${args.reps}`),
    );
  } catch (e) {
    rows.push(errorRow('B6', `one-file change, ${ctx.ws.label}`, e));
  }
}

/** B5 (a fresh container Go cache), then B7 and B6 (the context's warm one) on one tree. */
export function scaleRows(ctx: BuildCtx, args: Args, rows: Row[]): void {
  b5Rows(ctx, args, rows);
  const vol = sharedVolume(ctx);
  b7Rows(ctx, args, vol, rows);
  b6Rows(ctx, args, vol, rows);
}
