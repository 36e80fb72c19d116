/** Where the executors keep cross-process state (leases, locks, sync records): `<workspace data dir>/nx-kube-build`. */
import * as path from 'path';
import { workspaceDataDir } from '../../../plugin/cache';

export function executorStateDir(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(workspaceDataDir(workspaceRoot, env), 'nx-kube-build');
}
