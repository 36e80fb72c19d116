import { cleanDir } from '../../../plugin/options';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Binary names become file names on every platform and project names: keep them plain. */
export function validateBinaryName(name: string): void {
  if (!NAME.test(name)) {
    throw new Error(
      `"${name}" is not a valid binary name: use lowercase letters, digits and single dashes, starting with a letter (e.g. kube-widget).`,
    );
  }
}

/** A module-relative dir, `./cmd/` → `cmd`; nothing outside the module. */
export function normalizeDirectory(directory: string): string {
  const dir = cleanDir(directory.trim());
  if (dir === '' || dir === '.') return '';
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir) || dir.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    throw new Error(`"${directory}" is not a dir inside the module: pass --directory relative to it, like cmd or tools/cmd.`);
  }
  return dir;
}
