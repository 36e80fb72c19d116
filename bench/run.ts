#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [--only G1,B2,B5] [--no-build] [--keep] [--strict]
 *
 * Measures the plugin's graph rows (G*) against `go list` and the
 * containerized build rows (B*) against host `go build`, both sides in one
 * run, each build row with the Nx daemon off and on, and prints one table. Ratios are what matter: absolute times depend on
 * the machine. Without --quick the table also goes to bench/RESULTS.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Args, parseArgs, wanted } from './lib/args';
import { machine, treeLine } from './lib/machine';
import { keepLogsIn, stopOnSignals } from './lib/measure';
import { REPO_ROOT } from './lib/paths';
import { Row, errorRow, skipRow, table } from './lib/table';
import { Workspace, sampleWorkspace, treeWorkspace } from './lib/workspaces';
import { DAEMON_MODES, DaemonMode, withDaemon } from './lib/daemon';
import { BuildCtx, b1Rows, b2Rows, b4Rows, buildPrereq, setupBuild, setupBuildOn } from './rows/build';
import { scaleRows, withBuildImage } from './rows/scale';
import { b3Rows } from './rows/cross';
import { affectedRows, graphRows } from './rows/graph';

/** Runs `fn` with the daemon in `mode` and marks the rows it added with the mode. */
async function inMode(ctx: BuildCtx, mode: DaemonMode, rows: Row[], fn: () => void): Promise<void> {
  const before = rows.length;
  ctx.daemon = mode;
  try {
    await withDaemon(ctx.ws.dir, mode, fn);
  } finally {
    for (const r of rows.slice(before)) r.what += ` [daemon ${mode}]`;
  }
}

const SAMPLE_ROWS = ['B1', 'B2', 'B3', 'B4'];
const TREE_ROWS = ['B3', 'B5', 'B6', 'B7'];

async function buildRows(args: Args, scratch: string, rows: Row[], log: (s: string) => void): Promise<void> {
  const ids = [...new Set([...SAMPLE_ROWS, ...TREE_ROWS])].filter((id) => wanted(args, id)).sort();
  if (ids.length === 0) return;
  const why = !args.build ? '--no-build' : buildPrereq();
  if (why) {
    for (const id of ids) rows.push(skipRow(id, 'build rows', why));
    return;
  }
  const ctxs: BuildCtx[] = [];
  try {
    // B3 on the sample is too slow for --quick, which crosses the tiny tree's binary instead.
    if (ids.some((id) => SAMPLE_ROWS.includes(id) && !(args.quick && id === 'B3'))) {
      const ctx = setupBuild(args, scratch);
      ctxs.push(ctx);
      for (const mode of DAEMON_MODES) {
        log(`build rows on the sample, daemon ${mode}`);
        await inMode(ctx, mode, rows, () => {
          const vol = b1Rows(ctx, args, rows);
          b2Rows(ctx, args, vol, rows);
          b4Rows(ctx, args, vol, rows);
          b3Rows(ctx, args, rows);
        });
      }
    }
    if (ids.some((id) => TREE_ROWS.includes(id))) {
      const tree = treeWorkspace(fs.mkdtempSync(path.join(scratch, 'build-')), args.quick ? 'tiny' : 'k8s');
      const ctx = setupBuildOn(withBuildImage(tree), scratch);
      ctxs.push(ctx);
      for (const mode of DAEMON_MODES) {
        log(`build rows on the ${tree.label}, daemon ${mode}`);
        await inMode(ctx, mode, rows, () => {
          scaleRows(ctx, args, rows);
          b3Rows(ctx, args, rows);
        });
      }
    }
  } catch (e) {
    for (const id of ids) if (!rows.some((r) => r.id === id)) rows.push(errorRow(id, 'build rows', e));
  } finally {
    for (const v of ctxs.flatMap((c) => c.volumes)) spawnSync('docker', ['volume', 'rm', '-f', v], { stdio: 'ignore' });
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  stopOnSignals();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const started = Date.now();
  if (args.keep) keepLogsIn(path.join(scratch, 'logs'));
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
    await buildRows(args, scratch, rows, log);
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
