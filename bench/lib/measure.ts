/** Running and measuring commands: wall time, exit, output, and the process tree's peak RSS. */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NX_BIN } from './paths';

export interface RunResult {
  ms: number;
  code: number;
  out: string;
}

export interface RunOpts {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  allowFail?: boolean;
}

/** Set by SIGINT/SIGTERM: every later command but cleanup fails, so the finally blocks stop daemons and remove volumes. */
let interrupted: string | undefined;

export function stopOnSignals(): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (interrupted = sig));
}

export function run(cmd: string, args: string[], o: RunOpts): RunResult {
  // Cleanup (allowFail) still runs after an interrupt; measuring does not.
  if (interrupted && !o.allowFail) throw new Error(`bench interrupted by ${interrupted}`);
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
export function nxEnv(ws: string, extra: NodeJS.ProcessEnv = {}, dataDir = 'workspace-data'): NodeJS.ProcessEnv {
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

export function nx(ws: string, args: string[], env?: NodeJS.ProcessEnv, allowFail = false): RunResult {
  const r = run(process.execPath, [NX_BIN, ...args], { cwd: ws, env: env ?? nxEnv(ws), allowFail });
  if (logDir) fs.writeFileSync(path.join(logDir, `${String(++logCount).padStart(3, '0')}-nx.txt`), `$ nx ${args.join(' ')}  (${ws})\n${r.out}`);
  return r;
}

export function git(ws: string, ...args: string[]): string {
  return run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], {
    cwd: ws,
  }).out.trim();
}

export interface SampledRun extends RunResult {
  /** Peak of the summed RSS of the process and all its descendants, sampled. */
  treePeakKb: number;
  /** Largest single-process max RSS as /usr/bin/time -v reports it (reaped children included). */
  timeMaxKb?: number;
}

export const PAGE_KB = (() => {
  try {
    return Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout.trim()) / 1024 || 4;
  } catch {
    return 4;
  }
})();

export function treeRssKb(root: number): number {
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
export function runSampled(cmd: string, args: string[], o: RunOpts, scratch: string): Promise<SampledRun> {
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

/** With --keep: save every nx output under `dir`. */
export function keepLogsIn(dir: string): void {
  fs.mkdirSync(dir);
  logDir = dir;
}
