/** Graph rows: G1 cold, G2 warm against `go list -deps ./...`, G3 `--affected`. */
import * as fs from 'fs';
import * as path from 'path';
import { Args, wanted } from '../lib/args';
import { RunResult, git, nx, nxEnv, run, runSampled } from '../lib/measure';
import { NX_BIN } from '../lib/paths';
import { Row, errorRow, fmtMb, fmtMs, median, ratioRow } from '../lib/table';
import { Workspace, editNext, writeNxJson } from '../lib/workspaces';

export interface GraphTimes {
  goList: number;
}

export function countProjects(out: string): number {
  return out.split('\n').filter((l) => /^[^\s>]\S*$/.test(l.trim()) && l.trim() !== '').length;
}

/** `nx show projects` timed in one configuration; cold drops all workspace data first. */
export function showProjects(ws: Workspace, withPlugin: boolean, cold: boolean): RunResult {
  writeNxJson(ws, withPlugin);
  if (cold) fs.rmSync(path.join(ws.dir, '.nx'), { recursive: true, force: true });
  // Separate data dirs, so the two configurations never invalidate each other's warm state.
  return nx(ws.dir, ['show', 'projects'], nxEnv(ws.dir, {}, withPlugin ? 'wd-plugin' : 'wd-base'));
}

export function goListDeps(ws: Workspace): RunResult {
  return run('go', ['list', '-deps', './...'], { cwd: ws.dir });
}

/** G1: `nx show projects` cold, the plugin's share against `go list -deps ./...`; returns go list's median, or undefined on error. */
function coldRow(ws: Workspace, args: Args, rows: Row[], pkgCount: number): number | undefined {
  const { reps } = args;
  const label = ws.label;
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
    const goList = median(gl);
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
    return goList;
  } catch (e) {
    rows.push(errorRow('G1', `graph cold, ${label}`, e));
    return undefined;
  }
}

/** G2: warm with nothing changed, then with one file changed. */
function warmRows(ws: Workspace, args: Args, rows: Row[], goList: number): void {
  const { reps } = args;
  const label = ws.label;
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
      editNext(path.join(ws.dir, file));
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

export function graphRows(ws: Workspace, args: Args, rows: Row[]): GraphTimes | undefined {
  let goList = 0;
  // Prime the page cache and node's compile cache for both sides.
  const pkgCount = goListDeps(ws).out.split('\n').filter(Boolean).length;
  showProjects(ws, false, true);
  if (wanted(args, 'G1') || wanted(args, 'G2') || wanted(args, 'G3')) {
    const cold = coldRow(ws, args, rows, pkgCount);
    if (cold === undefined) return undefined;
    goList = cold;
  }
  if (wanted(args, 'G2')) warmRows(ws, args, rows, goList);
  writeNxJson(ws, true);
  return { goList };
}

/** A non-test Go file of a root-module package: the generator's pick, else the first under pkg/. */
export function editableFile(ws: Workspace): string {
  if (ws.tree?.fewBinariesFile) return ws.tree.fewBinariesFile;
  const out = run('go', ['list', '-f', '{{.Dir}} {{join .GoFiles " "}}', './...'], { cwd: ws.dir }).out;
  const lines = out.split('\n').filter((l) => l.includes(' ') && !/\/cmd\//.test(l));
  const prefer = lines.find((l) => l.startsWith(path.join(fs.realpathSync(ws.dir), 'pkg') + '/')) ?? lines[0];
  if (!prefer) throw new Error(`no Go package to edit in ${ws.dir}`);
  const [dir, first] = prefer.split(' ');
  return path.relative(fs.realpathSync(ws.dir), path.join(dir, first));
}

export async function affectedRows(ws: Workspace, args: Args, g: GraphTimes | undefined, rows: Row[], scratch: string): Promise<void> {
  if (!wanted(args, 'G3')) return;
  const label = ws.label;
  try {
    writeNxJson(ws, true);
    const env = nxEnv(ws.dir, {}, 'wd-plugin');
    // Warm: the plugin's cache holds the tree as it was before the change.
    nx(ws.dir, ['show', 'projects'], env);
    const file = editableFile(ws);
    editNext(path.join(ws.dir, file));
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
