/**
 * Batch builds: `run-many` over the sample's binaries for one platform builds
 * them all in one container (counted from the engine's events), each binary
 * byte-identical to its single-task build and its own cache entry, and a broken
 * binary fails only its own task.
 */
import * as fs from 'fs';
import * as path from 'path';
import { binaryKind, runBinary, sha256 } from './support/binaries';
import { countingContainers, kubeBuildContainers } from './support/docker';
import { nx, nxOk, NxResult } from './support/nx';
import { outDir, SAMPLE_BINARIES } from './support/sample';
import { copySample, removeDir } from './support/workspace';

const buildOf = (projects: string): string[] => ['run-many', '-t', 'build', '-c', 'linux-amd64', '-p', projects, '--output-style=static'];
// The sample's ten binaries; its test binary (e2e.test: go test -c takes one package) builds alone by design.
const build = buildOf('tag:go:binary');

/** The task ids under nx's "Failed tasks:" heading. */
function failedTasks(r: NxResult): string[] {
  const lines = r.output.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Failed tasks:');
  if (start < 0) return [];
  const rest = lines.slice(start + 1).map((l) => l.trim());
  return rest.slice(rest[0] === '' ? 1 : 0).filter((l, i, a) => a.slice(0, i + 1).every((x) => x.startsWith('- '))).map((l) => l.slice(2));
}

describe('batch builds: one container per platform', () => {
  let ws: string;
  const shas = () => Object.fromEntries(SAMPLE_BINARIES.map((b) => [b, sha256(path.join(outDir(ws), b))]));
  let batched: Record<string, string>;
  beforeAll(() => {
    ws = copySample('batch');
  });
  afterAll(() => removeDir(ws));

  it('run-many -t build -c linux-amd64 builds every binary in one container and leaves no scratch behind', async () => {
    const { result, created } = await countingContainers(() => nxOk(ws, build), ws);
    expect(created).toEqual([expect.stringMatching(/-batch-linux-amd64-[0-9a-f]{12}$/)]);
    expect(result.output).toMatch(/go build -o \/output\/ .* \.\/cmd\/kubelet/);
    for (const b of SAMPLE_BINARIES) expect(binaryKind(path.join(outDir(ws), b))).toBe('ELF x86-64');
    expect(runBinary(path.join(outDir(ws), 'kubectl'), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
    expect(fs.readdirSync(path.join(ws, '_output'))).toEqual(['dockerized']);
    expect(fs.readdirSync(outDir(ws)).sort()).toEqual(SAMPLE_BINARIES);
    expect(await kubeBuildContainers(ws)).toEqual([]);
    batched = shas();
  });

  it('each task keeps its own cache entry: a single build after it is a hit that restores the identical binary', async () => {
    fs.rmSync(path.join(outDir(ws), 'kubelet'));
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-amd64']), ws);
    expect(result.output).toMatch(/local cache/);
    expect(created).toEqual([]);
    expect(sha256(path.join(outDir(ws), 'kubelet'))).toBe(batched.kubelet);
  });

  it('--batch=false builds each binary in its own container, byte-identical to the batched one', async () => {
    // Three of the ten keep the test lean: mains given as ./cmd/<name> and as an import path (a staging module).
    const some = ['kube-aggregator', 'kubectl', 'kubelet'];
    const { created } = await countingContainers(() => nxOk(ws, [...buildOf(some.join(',')), '--batch=false', '--skip-nx-cache']), ws);
    expect(created.map((n) => n.replace(/^kube-build-[0-9a-f]{8}-|-linux-amd64-[0-9a-f]{12}$/g, '')).sort()).toEqual(some);
    expect(shas()).toEqual(batched);
  });

  it('a broken binary fails only its own task, with its compiler output; the others are built and its binary is left as it was', async () => {
    const broken = path.join(ws, 'cmd/kubectl/broken.go');
    fs.writeFileSync(broken, 'package main\n\nfunc init() { undefinedThing() }\n');
    const started = Date.now();
    try {
      const { result, created } = await countingContainers(() => nx(ws, [...build, '--skip-nx-cache']), ws);
      expect(result.code).not.toBe(0);
      expect(failedTasks(result)).toEqual(['kubectl:build:linux-amd64']);
      expect(result.output).toContain('cmd/kubectl/broken.go:3:15: undefined: undefinedThing');
      expect(result.output).toContain('go build ./cmd/kubectl for linux/amd64 failed with exit code 2: the compiler output is above; _output/dockerized/bin/linux/amd64/kubectl was left as it was.');
      // The batch, then kubectl alone for its own output.
      expect(created).toEqual([expect.stringMatching(/-batch-linux-amd64-/), expect.stringMatching(/-kubectl-linux-amd64-/)]);
      expect(sha256(path.join(outDir(ws), 'kubectl'))).toBe(batched.kubectl);
      for (const b of SAMPLE_BINARIES.filter((n) => n !== 'kubectl')) expect(fs.statSync(path.join(outDir(ws), b)).mtimeMs).toBeGreaterThan(started);
      expect(fs.readdirSync(outDir(ws)).sort()).toEqual(SAMPLE_BINARIES);
      expect(await kubeBuildContainers(ws)).toEqual([]);
    } finally {
      fs.rmSync(broken);
    }
  });
});
