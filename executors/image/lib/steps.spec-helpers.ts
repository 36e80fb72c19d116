/** An image start in a temporary workspace with the binary in place, for specs of the steps. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startImage, ImageStart } from './start';

export const VERSION = { gitVersion: 'v1.31.0-alpha.0.6+84c76d1142ea4d', gitCommit: 'c0ffee', epoch: 1714564800, buildDate: '2024-05-01T12:00:00Z' };

export async function tempImageStart(options: { baseImage?: string } = {}): Promise<{ ws: string; start: ImageStart; cleanup(): void }> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'image-steps-'));
  const start = await startImage({ moduleRoot: 'mod', binaryName: 'kube-proxy', platform: 'linux/amd64', ...options }, 'kube-proxy', ws, {
    env: {},
    readVersionInfo: async () => VERSION,
  });
  fs.mkdirSync(path.dirname(start.binary), { recursive: true });
  fs.writeFileSync(start.binary, 'ELF kube-proxy');
  return { ws, start, cleanup: () => fs.rmSync(ws, { recursive: true, force: true }) };
}
