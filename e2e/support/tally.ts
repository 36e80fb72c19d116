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
  /** Odd but valid trees that built: kept apart, they are no bad input. */
  validTrees: number;
  faultsSurvived: number;
  orphans: number;
  secretsSeen: number;
}

/** What a case proves: a bad input refused, a valid tree built, a fault survived. */
export type CaseKind = 'bad-input' | 'valid-tree' | 'fault-survived';

export const SUITES = ['bad-input', 'faults', 'security'] as const;
export type Suite = (typeof SUITES)[number];

const zero = (): Counts => ({ badInputs: 0, validTrees: 0, faultsSurvived: 0, orphans: 0, secretsSeen: 0 });

/** The jest test running now: cases are counted by name, so one that is not run counts nothing and one that is counts once. */
function runningCase(): string {
  const name = expect.getState().currentTestName;
  if (!name) throw new Error('A tally case must be registered from inside a test (it, test), where jest knows its name.');
  return name;
}

/** One suite's line in the tally file: the cases that ran, by kind, and what it found. */
interface SuiteRecord {
  suite: string;
  cases: Record<string, CaseKind[]>;
  orphans: number;
  secretsSeen: number;
}

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
  private readonly cases = new Map<string, Set<CaseKind>>();
  private found = { orphans: 0, secretsSeen: 0 };
  constructor(readonly suite: Suite) {}

  /** Registers the running case as `kind`, once however often it is called. */
  ran(kind: CaseKind): void {
    const name = runningCase();
    this.cases.set(name, (this.cases.get(name) ?? new Set()).add(kind));
  }

  /** The running case tries a bad input: call it before the run, so a case that fails still counts as tried. */
  badInput(): void {
    this.ran('bad-input');
  }

  /** The running case builds an odd but valid tree. */
  validTree(): void {
    this.ran('valid-tree');
  }

  /** The running case's fault was survived: call it after the case's last assertion. */
  faultSurvived(): void {
    this.ran('fault-survived');
  }

  orphans(n: number): void {
    this.found.orphans += n;
  }

  secrets(n: number): void {
    this.found.secretsSeen += n;
  }

  get counts(): Counts {
    return countsOf([this.record()]);
  }

  private record(): SuiteRecord {
    const cases = Object.fromEntries([...this.cases].map(([name, kinds]) => [name, [...kinds].sort()]));
    return { suite: this.suite, cases, ...this.found };
  }

  /** Appends this suite's cases and findings and returns the run's summary lines so far. */
  finish(file = tallyFile()): string {
    fs.appendFileSync(file, JSON.stringify(this.record()) + '\n');
    return summaryLines(readTally(file));
  }
}

/** Counts of suite records: each case by the kinds it registered. */
function countsOf(records: SuiteRecord[]): Counts {
  const c = zero();
  const kinds: Record<CaseKind, keyof Counts> = { 'bad-input': 'badInputs', 'valid-tree': 'validTrees', 'fault-survived': 'faultsSurvived' };
  for (const r of records) {
    for (const list of Object.values(r.cases)) for (const k of list) c[kinds[k]]++;
    c.orphans += r.orphans;
    c.secretsSeen += r.secretsSeen;
  }
  return c;
}

export function readTally(file = tallyFile()): { counts: Counts; suites: string[] } {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const records = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SuiteRecord);
  return { counts: countsOf(records), suites: [...new Set(records.map((r) => r.suite))].sort() };
}

/** The summary; suites not run yet are named, so a partial line never passes for the whole. */
export function summaryLine({ counts: c, suites }: { counts: Counts; suites: string[] }): string {
  const missing = SUITES.filter((s) => !suites.includes(s));
  const line = `faults-suite: bad inputs tried ${c.badInputs}, faults survived ${c.faultsSurvived}, orphan containers found ${c.orphans}, secrets seen inside ${c.secretsSeen}`;
  return missing.length === 0 ? line : `${line} (not run yet: ${missing.join(', ')})`;
}

/** The summary line, then the valid trees built, which are no bad inputs. */
export function summaryLines(tally: { counts: Counts; suites: string[] }): string {
  return `${summaryLine(tally)}\nfaults-suite: valid trees built ${tally.counts.validTrees}`;
}
