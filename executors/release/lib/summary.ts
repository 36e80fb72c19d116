/** The closing table of a release: each file with its size and sha256. Pure. */

export interface PublishedFile {
  file: string;
  size: number;
  sha256: string;
}

/** 1536 → "1.5 KiB"; exact bytes stay in the sums files. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

export function formatReleaseSummary(dir: string, files: PublishedFile[]): string {
  const rows = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const nameWidth = Math.max(0, ...rows.map((r) => r.file.length));
  const sizes = rows.map((r) => humanSize(r.size));
  const sizeWidth = Math.max(0, ...sizes.map((s) => s.length));
  const lines = rows.map((r, i) => `  ${r.file.padEnd(nameWidth)}  ${sizes[i].padStart(sizeWidth)}  ${r.sha256}`);
  return [`Release tarballs in ${dir}:`, ...lines].join('\n');
}
