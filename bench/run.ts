#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [--only G1,B2] [--no-build] [--keep] [--strict]
 *
 * Measures the plugin's graph rows (G*) against `go list` and the
 * containerized build rows (B*) against host `go build`, both sides in one
 * run, and prints one table. Ratios are what matter: absolute times depend on
 * the machine. Without --quick the table also goes to bench/RESULTS.md.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Args, parseArgs, wanted } from './lib/args';
import { machine, treeLine } from './lib/machine';
import { keepLogsIn } from './lib/measure';
import { REPO_ROOT } from './lib/paths';
import { Row, errorRow, skipRow, table } from './lib/table';
import { Workspace, sampleWorkspace, treeWorkspace } from './lib/workspaces';
import { BuildCtx, b1Rows, b2Rows, b4Rows, buildPrereq, setupBuild } from './rows/build';
import { b3Rows } from './rows/cross';
import { affectedRows, graphRows } from './rows/graph';

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



async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
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
