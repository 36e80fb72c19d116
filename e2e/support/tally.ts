/**
 * Counts the fault suites keep across test files of one jest run, so each
 * suite can print the run's summary line in its afterAll.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { docker } from './docker';
import { workspaceHash } from '../../executors/shared/module/paths';

export interface Counts {
  badInputs: number;
  faultsSurvived: number;
  orphans: number;
  secretsSeen: number;
}

export const SUITES = ['bad-input', 'faults', 'security'] as const;
export type Suite = (typeof SUITES)[number];

const zero = (): Counts => ({ badInputs: 0, faultsSurvived: 0, orphans: 0, secretsSeen: 0 });

/** The jest process: workers are its children, in band it is this process; its start time tells runs apart. */
function runKey(): string {
  const pid = typeof process.send === 'function' ? process.ppid : process.pid;
  let started = '';
  try {
    started = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
  } catch {
    // Not Linux: the pid alone.
  }
  return `${pid}-${started}`;
}

export const tallyFile = (): string => path.join(os.tmpdir(), `nkb-faults-tally-${runKey()}.jsonl`);

/** kube-build containers left behind by the given workspaces (any engine; default: the main one). */
export async function orphanContainers(workspaces: string[], engine = docker): Promise<string[]> {
  const prefixes = workspaces.map((w) => `kube-build-${workspaceHash(w)}-`);
  const list = await engine.listContainers({ all: true, filters: { name: ['kube-build'] } });
  return list
    .map((c) => c.Names.map((n) => n.replace(/^\//, '')).join(','))
    .filter((n) => prefixes.some((p) => n.startsWith(p)))
    .sort();
}

export class Tally {
  readonly counts = zero();
  constructor(readonly suite: Suite) {}

  badInput(): void {
    this.counts.badInputs++;
  }

  faultSurvived(): void {
    this.counts.faultsSurvived++;
  }

  orphans(n: number): void {
    this.counts.orphans += n;
  }

  secrets(n: number): void {
    this.counts.secretsSeen += n;
  }

  /** Appends this suite's counts and returns the run's summary line so far. */
  finish(): string {
    fs.appendFileSync(tallyFile(), JSON.stringify({ suite: this.suite, ...this.counts }) + '\n');
    return summaryLine(readTally());
  }
}

export function readTally(file = tallyFile()): { counts: Counts; suites: string[] } {
  const counts = zero();
  const suites = new Set<string>();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as Counts & { suite: string };
    suites.add(r.suite);
    counts.badInputs += r.badInputs;
    counts.faultsSurvived += r.faultsSurvived;
    counts.orphans += r.orphans;
    counts.secretsSeen += r.secretsSeen;
  }
  return { counts, suites: [...suites].sort() };
}

/** The summary; suites not run yet are named, so a partial line never passes for the whole. */
export function summaryLine({ counts: c, suites }: { counts: Counts; suites: string[] }): string {
  const missing = SUITES.filter((s) => !suites.includes(s));
  const line = `faults-suite: bad inputs tried ${c.badInputs}, faults survived ${c.faultsSurvived}, orphan containers found ${c.orphans}, secrets seen inside ${c.secretsSeen}`;
  return missing.length === 0 ? line : `${line} (not run yet: ${missing.join(', ')})`;
}
