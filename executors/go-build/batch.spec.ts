/**
 * go-build's batch implementation end to end with a fake engine at its prepare
 * seam: how tasks share a container, and how each gets its own result.
 */
import { ExecutorContext, logger, TaskGraph } from '@nx/devkit';
import * as fs from 'fs';
import * as path from 'path';
import { fakeEngine } from '../shared/image/fake-engine.spec-helpers';
import goBuildBatch from './batch';
import { tempModule } from './lib/steps.spec-helpers';
import type { GoBuildExecutorOptions } from './types';

const NAMES = ['kubelet', 'kubectl', 'kubeadm'];

describe('go-build batch (fake engine)', () => {
  const mod = tempModule();
  for (const n of NAMES.slice(1)) {
    fs.mkdirSync(path.join(mod.ws, 'mod/cmd', n));
    fs.writeFileSync(path.join(mod.ws, 'mod/cmd', n, 'main.go'), 'package main\n');
  }
  const configurations = { 'linux-arm64': { platform: 'linux/arm64' }, 'linux-amd64': { platform: 'linux/amd64' } };
  const context = {
    root: mod.ws,
    cwd: mod.ws,
    isVerbose: false,
    projectsConfigurations: { version: 2, projects: Object.fromEntries(NAMES.map((n) => [n, { root: 'mod', targets: { build: { configurations } } }])) },
  } as unknown as ExecutorContext;
  const outDir = (arch = 'arm64') => path.join(mod.ws, 'mod/_output/dockerized/bin/linux', arch);
  const tasks = (...specs: [string, string][]) => {
    const ids = specs.map(([n, c]) => `${n}:build:${c}`);
    const graph = {
      roots: ids,
      tasks: Object.fromEntries(specs.map(([n, c], i) => [ids[i], { id: ids[i], target: { project: n, target: 'build', configuration: c }, overrides: {}, outputs: [] }])),
      dependencies: Object.fromEntries(ids.map((id) => [id, []])),
    } as unknown as TaskGraph;
    const inputs: Record<string, GoBuildExecutorOptions> = Object.fromEntries(
      specs.map(([n, c], i) => [ids[i], { moduleRoot: 'mod', main: `./cmd/${n}`, platform: configurations[c as keyof typeof configurations].platform, cacheVolume: 'gocache' }]),
    );
    return { graph, inputs };
  };
  const run = async (t: ReturnType<typeof tasks>, fake: ReturnType<typeof fakeEngine>) => {
    const results: Record<string, { success: boolean; terminalOutput: string }> = {};
    for await (const r of goBuildBatch(t.graph, t.inputs, {}, context, async () => fake.prepared)) results[r.task] = r.result;
    return results;
  };
  const all = (arch = 'arm64') => tasks(...NAMES.map((n): [string, string] => [n, `linux-${arch}`]));

  // Lines go where Nx's logger puts them, so a task's captured output holds them; the streams themselves stay quiet.
  let errors: string[] = [];
  beforeAll(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(logger, 'info').mockImplementation((line: string) => void process.stdout.write(`${line}\n`));
    jest.spyOn(logger, 'error').mockImplementation((line: string) => {
      errors.push(line);
      process.stderr.write(`${line}\n`);
    });
  });
  afterAll(() => {
    jest.restoreAllMocks();
    mod.cleanup();
  });
  beforeEach(() => {
    errors = [];
    fs.rmSync(path.join(mod.ws, 'mod/_output'), { recursive: true, force: true });
  });

  it('builds the tasks of one module and platform in one container, one go build -o <dir>/ of every main', async () => {
    const fake = fakeEngine();
    fake.runs.push({ files: { kubelet: 'ELF let', kubectl: 'ELF ctl', kubeadm: 'ELF adm' }, exit: 0 });
    const results = await run(all(), fake);
    expect(fake.specs).toHaveLength(1);
    const argv = fake.specs[0].Cmd as string[];
    expect(argv.slice(0, 3)).toEqual(['build', '-o', '/output/']);
    expect(argv.slice(-3)).toEqual(['./cmd/kubelet', './cmd/kubectl', './cmd/kubeadm']);
    expect(fake.specs[0].Labels).toMatchObject({ 'io.nx-kube-build.tasks': 'kubelet:build:linux-arm64,kubectl:build:linux-arm64,kubeadm:build:linux-arm64' });
    for (const n of NAMES) {
      expect(results[`${n}:build:linux-arm64`]).toEqual({ success: true, terminalOutput: expect.stringContaining(`Built mod/_output/dockerized/bin/linux/arm64/${n}\n`), startTime: expect.any(Number), endTime: expect.any(Number) });
      expect(fs.statSync(path.join(outDir(), n)).mode & 0o777).toBe(0o755);
    }
    expect(results['kubectl:build:linux-arm64'].terminalOutput).toMatch(/^go build -o \/output\/ .* \.\/cmd\/kubeadm {2}\(in kube-build:fake, container \S+-batch-linux-arm64-\w+\)\n/);
    expect(fs.readFileSync(path.join(outDir(), 'kubectl'), 'utf8')).toBe('ELF ctl');
    expect(fs.readdirSync(path.join(mod.ws, 'mod/_output')).sort()).toEqual(['dockerized']);
  });

  it('a binary go did not write is built alone: only its task fails, with its own output, and its previous binary stays', async () => {
    fs.mkdirSync(outDir(), { recursive: true });
    fs.writeFileSync(path.join(outDir(), 'kubectl'), 'ELF old');
    const fake = fakeEngine();
    fake.runs.push({ files: { kubelet: 'ELF let', kubeadm: 'ELF adm' }, exit: 2 }, { writes: 'half', exit: 2 });
    const results = await run(all(), fake);
    expect(fake.specs.map((s) => s.name)).toEqual([expect.stringMatching(/-batch-linux-arm64-[0-9a-f]{12}$/), expect.stringMatching(/-kubectl-linux-arm64-[0-9a-f]{12}$/)]);
    expect(results['kubelet:build:linux-arm64'].success).toBe(true);
    expect(results['kubeadm:build:linux-arm64'].success).toBe(true);
    expect(results['kubectl:build:linux-arm64'].success).toBe(false);
    expect(results['kubectl:build:linux-arm64'].terminalOutput).toContain('go build ./cmd/kubectl for linux/arm64 failed with exit code 2');
    expect(results['kubelet:build:linux-arm64'].terminalOutput).not.toContain('kubectl for linux');
    expect(fs.readFileSync(path.join(outDir(), 'kubectl'), 'utf8')).toBe('ELF old');
    expect(fs.readdirSync(outDir()).sort()).toEqual(['kubeadm', 'kubectl', 'kubelet']);
    expect(fs.readdirSync(path.join(mod.ws, 'mod/_output')).sort()).toEqual(['dockerized']);
  });

  it('one container per platform; a task alone in its group runs as the single-task executor does', async () => {
    const fake = fakeEngine();
    fake.runs.push({ files: { kubelet: 'a', kubectl: 'b' }, exit: 0 }, { writes: 'c', exit: 0 });
    const results = await run(tasks(['kubelet', 'linux-arm64'], ['kubeadm', 'linux-amd64'], ['kubectl', 'linux-arm64']), fake);
    expect(fake.specs.map((s) => s.name)).toEqual([expect.stringMatching(/-batch-linux-arm64-/), expect.stringMatching(/-kubeadm-linux-amd64-/)]);
    expect(Object.values(results).map((r) => r.success)).toEqual([true, true, true]);
    expect(fs.readFileSync(path.join(outDir('amd64'), 'kubeadm'), 'utf8')).toBe('c');
  });

  it('an error during the group (the engine lost, an interrupt) fails each of its tasks with that line and leaves no scratch', async () => {
    const fake = fakeEngine();
    const lost = new Error('Lost the Docker Engine at unix:///var/run/docker.sock while container c ran (ECONNRESET): start the engine again, then rerun.');
    fake.runs.push({
      files: { kubelet: 'half' },
      exit: 0,
      during: () => {
        throw lost;
      },
    });
    const results = await run(all(), fake);
    expect(Object.values(results)).toEqual(NAMES.map(() => expect.objectContaining({ success: false, terminalOutput: expect.stringContaining(lost.message) })));
    expect(errors).toEqual([lost.message]);
    expect(fs.readdirSync(path.join(mod.ws, 'mod/_output'))).toEqual([]);
  });
});
