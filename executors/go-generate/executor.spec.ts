/** The go-generate executor with a fake engine at its prepare seam: what the generator's container is given. */
import { ExecutorContext, logger } from '@nx/devkit';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeEngine } from '../shared/image/fake-engine.spec-helpers';
import goGenerateExecutor from './executor';

describe('go-generate executor (fake engine)', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-generate-exec-'));
  fs.mkdirSync(path.join(ws, 'vendor'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'go.mod'), 'module k8s.io/kubernetes\n\ngo 1.19\n');
  fs.writeFileSync(path.join(ws, 'vendor/modules.txt'), '');
  const context = { root: ws, cwd: ws, isVerbose: false, projectName: 'kubernetes', targetName: 'generate' } as unknown as ExecutorContext;
  const options = { moduleRoot: '', command: ['go', 'run', './hack/gen'], outputs: ['pkg/generated', 'api/zz'], cacheVolume: 'gocache' };
  let errors: string[] = [];

  beforeAll(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterAll(() => {
    jest.restoreAllMocks();
    fs.rmSync(ws, { recursive: true, force: true });
  });
  beforeEach(() => (errors = []));

  it('runs the command as the caller with the module read-only and only the output dirs and the cache writable', async () => {
    const fake = fakeEngine();
    await expect(goGenerateExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: true });
    const spec = fake.specs[0];
    expect([...(spec.Entrypoint as string[]), ...(spec.Cmd as string[])]).toEqual(['go', 'run', './hack/gen']);
    expect(spec.User).toBe(`${process.getuid!()}:${process.getgid!()}`);
    expect(spec.WorkingDir).toBe('/go/src/k8s.io/kubernetes');
    expect((spec.HostConfig?.Mounts ?? []).map((m) => [m.Type, m.Source, m.Target, m.ReadOnly])).toEqual([
      ['bind', ws, '/go/src/k8s.io/kubernetes', true],
      ['volume', 'gocache', '/go-cache', false],
      ['bind', path.join(ws, 'pkg/generated'), '/go/src/k8s.io/kubernetes/pkg/generated', false],
      ['bind', path.join(ws, 'api/zz'), '/go/src/k8s.io/kubernetes/api/zz', false],
    ]);
    // The mount sources exist: a bind mount needs them, and no mount point can be made inside the read-only module.
    expect(fs.statSync(path.join(ws, 'api/zz')).isDirectory()).toBe(true);
    expect(spec.HostConfig).toMatchObject({ NetworkMode: 'none', Privileged: false, CapDrop: ['ALL'] });
    expect(spec.Labels).toMatchObject({ 'io.nx-kube-build.workspace': ws, 'io.nx-kube-build.target': 'generate' });
    expect(spec.Env).toContain('GOFLAGS=-mod=vendor -buildvcs=false');
  });

  it('a failing generator fails the run naming the dirs it may write', async () => {
    const fake = fakeEngine();
    fake.runs.push({ exit: 2 });
    await expect(goGenerateExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: false });
    expect(errors).toEqual([
      'go-generate go run ./hack/gen failed with exit code 2: its output is above; it may write only pkg/generated, api/zz of . (the rest is read-only), so a "read-only file system" error means a dir missing from generate.outputs.',
    ]);
  });

  it('refuses an engine that cannot mount the checkout, and bad options, before any container', async () => {
    const remote = fakeEngine('tcp://builder.example:2376');
    await expect(goGenerateExecutor(options, context, async () => remote.prepared)).resolves.toEqual({ success: false });
    expect(errors[0]).toBe(
      'go-generate writes into the checkout, which the engine at tcp://builder.example:2376 cannot mount (sync auto): run the generate target on a local Docker Engine (unset DOCKER_HOST) and build remotely after it.',
    );
    await expect(goGenerateExecutor({ ...options, outputs: ['../up'] }, context, async () => remote.prepared)).resolves.toEqual({ success: false });
    expect(errors[1]).toBe('go-generate.outputs entry "../up" is outside the module: list dirs inside it, relative to it, e.g. "pkg/generated".');
    expect(remote.specs).toEqual([]);
  });
});
