/** A normalized go-build for specs of the steps, in a temporary module with a vendor/ dir. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { normalizeBuildOptions, NormalizedBuildOptions } from './options';

export function tempModule(): { ws: string; options(platform?: string): NormalizedBuildOptions; cleanup(): void } {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-steps-'));
  fs.mkdirSync(path.join(ws, 'mod/cmd/kubelet'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'mod/vendor'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'mod/go.mod'), 'module k8s.io/kubernetes\n\ngo 1.19\n');
  fs.writeFileSync(path.join(ws, 'mod/vendor/modules.txt'), '');
  fs.writeFileSync(path.join(ws, 'mod/cmd/kubelet/kubelet.go'), 'package main\n');
  return {
    ws,
    options: (platform = 'linux/arm64') =>
      normalizeBuildOptions({ moduleRoot: 'mod', main: './cmd/kubelet', platform, cacheVolume: 'gocache' }, ws),
    cleanup: () => fs.rmSync(ws, { recursive: true, force: true }),
  };
}
