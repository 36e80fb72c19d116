/**
 * KUBE_GIT_VERSION_FILE, as hack/lib/version.sh reads and writes it: shell
 * assignments of the KUBE_GIT_* facts (kube::version::save_version_vars).
 * With the file set, version.sh takes the facts from it and asks git nothing,
 * which is how pipelines build a source tarball that has no .git. Pure.
 */
import { printable } from './printable';

export const VERSION_FILE_KEYS = ['KUBE_GIT_COMMIT', 'KUBE_GIT_TREE_STATE', 'KUBE_GIT_VERSION', 'KUBE_GIT_MAJOR', 'KUBE_GIT_MINOR'] as const;

const unquote = (v: string): string => (/^'.*'$/.test(v) || /^".*"$/.test(v) ? v.slice(1, -1) : v);

/** The facts a version file sets; throws naming the file and line for anything else. */
export function parseVersionFile(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line);
    if (!m || !(VERSION_FILE_KEYS as readonly string[]).includes(m[1])) {
      throw new Error(
        `${file}:${i + 1}: "${printable(line)}" is not a KUBE_GIT_VERSION_FILE line: write ${VERSION_FILE_KEYS.map((k) => `${k}='…'`).join(', ')} one per line (nx-kube-build version --file ${file} writes it).`,
      );
    }
    out[m[1]] = unquote(m[2].trim());
  });
  return out;
}

/** The file kube::version::save_version_vars writes. */
export function formatVersionFile(facts: Partial<Record<(typeof VERSION_FILE_KEYS)[number], string>>): string {
  return VERSION_FILE_KEYS.map((k) => `${k}='${(facts[k] ?? '').replace(/'/g, '')}'`).join('\n') + '\n';
}
