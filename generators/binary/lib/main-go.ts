import { VersionWiring } from '../../shared/version-package';

/** Names main.go already uses, which a version package must not shadow. */
const TAKEN = new Set(['flag', 'fmt', 'main', 'showVersion']);

function lastElement(importPath: string): string {
  const parts = importPath.split('/');
  const last = parts[parts.length - 1];
  return /^v[0-9]+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}

/** Template values for main.go: the import line and the expression --version prints. */
export function versionTemplateValues(w: VersionWiring): { versionImport: string; versionExpr: string } {
  if (w.kind === 'none') return { versionImport: '', versionExpr: '"unknown"' };
  const ident = TAKEN.has(w.packageName) ? 'version' : w.packageName;
  const alias = ident !== w.packageName || ident !== lastElement(w.importPath) ? `${ident} ` : '';
  const expr = w.kind === 'get' ? `${ident}.Get().GitVersion` : `${ident}.${w.expr}`;
  return { versionImport: `${alias}"${w.importPath}"`, versionExpr: expr };
}
