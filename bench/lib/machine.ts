/** The machine a table was measured on, and the generated tree's size. */
import { spawnSync } from 'child_process';
import * as os from 'os';
import { TreeSummary } from '../generate-tree';
import { REPO_ROOT } from './paths';

export const loadAtStart = os.loadavg()[0];

export function machine(): string[] {
  const cpus = os.cpus();
  const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout?.trim() ?? 'no go';
  const docker = dockerUp();
  return [
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Go: ${goVersion}`,
    `- Docker Engine: ${docker ?? 'not reachable'}`,
    // Other work on the machine skews timings; this says whether it was quiet.
    `- Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`,
    `- Node ${process.version}, nx ${require(require.resolve('nx/package.json', { paths: [REPO_ROOT] })).version}`,
  ];
}

export function treeLine(t: TreeSummary): string {
  return (
    `- Generated tree: ${t.packages} packages, ${t.goFiles} .go files (${t.testFiles} tests), ${t.binaries.length} binaries, ` +
    `${t.vendoredModules} vendored modules, ${t.stagingModules.length} staging modules, ${t.importEdges} import edges; ` +
    `most imported: ${t.topFanIn.map((f) => `${f.importPath} (${f.importers})`).join(', ')}; median importers ${t.medianFanIn}`
  );
}

/** The Docker Engine's version, or undefined when none answers. */
export function dockerUp(): string | undefined {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
