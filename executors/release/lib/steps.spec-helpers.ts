/** A release start in a temporary workspace (not a git checkout) with its one binary built, for specs of the steps. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReleaseExecutorOptions } from '../types';
import { startRelease, ReleaseStart } from './start';

export const VERSION = { gitVersion: 'v1.30.0', epoch: 1700000000, buildDate: '2023-11-14T22:13:20Z' };

export interface TempRelease {
  ws: string;
  start: ReleaseStart;
  logs: string[];
  log: { info(m: string): void; warn(m: string): void };
  cleanup(): void;
}

export async function tempRelease(over: Partial<ReleaseExecutorOptions> = {}): Promise<TempRelease> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'release-steps-'));
  fs.mkdirSync(path.join(ws, 'mod/cmd/kubectl'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'mod/go.mod'), 'module k8s.io/kubernetes\n');
  fs.writeFileSync(path.join(ws, 'mod/README.md'), '# k\n');
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  const options: ReleaseExecutorOptions = {
    moduleRoot: 'mod',
    groups: { client: { binaries: [{ project: 'kubectl', name: 'kubectl' }], platforms: ['linux/amd64'] } },
    ...over,
  };
  const start = await startRelease(options, ws, { env: {}, log, readVersionInfo: async () => VERSION });
  for (const t of start.plan.tarballs) {
    for (const b of t.binaries) {
      fs.mkdirSync(path.dirname(path.join(ws, b.source)), { recursive: true });
      fs.writeFileSync(path.join(ws, b.source), `ELF ${b.name}`);
    }
  }
  logs.splice(0);
  return { ws, start, logs, log, cleanup: () => fs.rmSync(ws, { recursive: true, force: true }) };
}
