/** The closing table of a cross run: platform → result. Pure. */

export interface PlatformResult {
  /** `os/arch`. */
  platform: string;
  /** Exit code of the nested nx run; undefined when it was not started. */
  exitCode?: number;
  seconds?: number;
}

export function resultText(r: PlatformResult): string {
  if (r.exitCode === undefined) return 'not run';
  return r.exitCode === 0 ? 'ok' : `failed (exit ${r.exitCode})`;
}

export function formatCrossSummary(project: string, results: PlatformResult[]): string {
  const width = Math.max('platform'.length, ...results.map((r) => r.platform.length));
  const texts = results.map(resultText);
  const resultWidth = Math.max('result'.length, ...texts.map((t) => t.length));
  const lines = results.map((r, i) => {
    const time = r.seconds === undefined ? '' : `${r.seconds.toFixed(1)}s`;
    return `  ${r.platform.padEnd(width)}  ${texts[i].padEnd(resultWidth)}  ${time}`.trimEnd();
  });
  return [`Cross build of ${project}:`, `  ${'platform'.padEnd(width)}  ${'result'.padEnd(resultWidth)}  time`, ...lines].join('\n');
}
