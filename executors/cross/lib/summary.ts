/** The closing table of a cross run: platform → result. Pure. */

export interface PlatformResult {
  /** `os/arch`. */
  platform: string;
  /** Nx's status of the platform's build task; undefined when it never ran. */
  status?: string;
}

/** Statuses Nx gives a task that ended well: built, or restored from a cache. */
const OK: Record<string, string> = {
  success: 'ok',
  'local-cache': 'ok (cache)',
  'local-cache-kept-existing': 'ok (cache)',
  'remote-cache': 'ok (remote cache)',
};

export const platformOk = (r: PlatformResult): boolean => r.status !== undefined && r.status in OK;

/** Throws, naming every platform that failed or never ran, unless all ended well. */
export function checkAllBuilt(project: string, results: PlatformResult[]): void {
  const failed = results.filter((r) => !platformOk(r));
  if (failed.length > 0) {
    throw new Error(`${project} did not build for ${failed.map((r) => r.platform).join(', ')}; see the output above.`);
  }
}

export function resultText(r: PlatformResult): string {
  if (r.status === undefined || r.status === 'skipped') return 'not run';
  return OK[r.status] ?? (r.status === 'failure' ? 'failed' : r.status);
}

export function formatCrossSummary(project: string, results: PlatformResult[]): string {
  const width = Math.max('platform'.length, ...results.map((r) => r.platform.length));
  const lines = results.map((r) => `  ${r.platform.padEnd(width)}  ${resultText(r)}`);
  return [`Cross build of ${project}:`, `  ${'platform'.padEnd(width)}  result`, ...lines].join('\n');
}
