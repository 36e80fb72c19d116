/** Rows of the one table: a ratio against a goal per row, medians, the printer. */


export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function fmtMs(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a >= 10_000) return `${sign}${(a / 1000).toFixed(1)} s`;
  if (a >= 1000) return `${sign}${(a / 1000).toFixed(2)} s`;
  return `${sign}${a.toFixed(0)} ms`;
}

export const fmtMb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

export interface Row {
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

export function ratioRow(
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

export function errorRow(id: string, what: string, e: unknown): Row {
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

export function skipRow(id: string, what: string, why: string): Row {
  return { id, what, ours: '', theirs: '', goal: '', pass: `skipped: ${why}`, notes: '' };
}

export function table(rows: Row[]): string {
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
