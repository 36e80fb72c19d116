/**
 * The go-build executor end to end with a fake engine at its prepare seam:
 * what the container is given, and how the binary reaches its path.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import * as fs from 'fs';
import * as path from 'path';
import { fakeEngine } from '../shared/image/fake-engine.spec-helpers';
import goBuildExecutor from './executor';
import { tempModule } from './lib/steps.spec-helpers';

const SECRET = 'hunter2-secret-token-value';
/** The allow-list as README's Guarantees state it, written out here rather than read from the code under test. */
const ALLOWED_ENV = ['CGO_ENABLED', 'GOARCH', 'GOFLAGS', 'GOGCFLAGS', 'GOLDFLAGS', 'GOOS', 'GOPROXY', 'KUBE_VERBOSE', 'SOURCE_DATE_EPOCH'];

describe('go-build executor (fake engine)', () => {
  const mod = tempModule();
  const options = { moduleRoot: 'mod', main: './cmd/kubelet', platform: 'linux/arm64', cacheVolume: 'gocache' };
  const context = {
    root: mod.ws,
    cwd: mod.ws,
    isVerbose: false,
    projectName: 'kubelet',
    targetName: 'build',
    configurationName: 'linux-arm64',
    projectsConfigurations: { version: 2, projects: { kubelet: { root: 'mod', targets: { build: { configurations: { 'linux-arm64': { platform: 'linux/arm64' } } } } } } },
  } as unknown as ExecutorContext;
  const outDir = path.join(mod.ws, 'mod/_output/dockerized/bin/linux/arm64');
  const binary = path.join(outDir, 'kubelet');

  let errors: string[] = [];
  beforeAll(() => {
    process.env.SECRET_TOKEN = SECRET;
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterAll(() => {
    jest.restoreAllMocks();
    delete process.env.SECRET_TOKEN;
    mod.cleanup();
  });
  beforeEach(() => {
    errors = [];
    fs.rmSync(path.join(mod.ws, 'mod/_output'), { recursive: true, force: true });
  });

  it('runs as the caller, with exactly the allowed env, the source read-only and only output and cache writable', async () => {
    const fake = fakeEngine();
    fake.runs.push({ writes: 'ELF new', exit: 0 });
    await expect(goBuildExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: true });
    expect(fake.specs).toHaveLength(1);
    const spec = fake.specs[0];
    expect(spec.User).toBe(`${process.getuid!()}:${process.getgid!()}`);
    expect((spec.Env ?? []).map((e) => e.split('=')[0])).toEqual(ALLOWED_ENV);
    expect((spec.Env ?? []).join('\n')).not.toContain(SECRET);
    expect(spec.Env).toEqual(expect.arrayContaining(['GOOS=linux', 'GOARCH=arm64', 'CGO_ENABLED=0', 'GOPROXY=off']));
    const mounts = (spec.HostConfig?.Mounts ?? []).map((m) => [m.Type, m.Source, m.Target, m.ReadOnly]);
    expect(mounts.sort()).toEqual(
      [
        ['bind', path.join(mod.ws, 'mod'), '/go/src/k8s.io/kubernetes', true],
        ['bind', outDir, '/output', false],
        ['volume', 'gocache', '/go-cache', false],
      ].sort(),
    );
    expect(spec.Labels).toMatchObject({ 'io.nx-kube-build.workspace': mod.ws });
  });

  it('has go write a partial .kubelet.<nonce>.tmp, renamed into place only after the container exited 0', async () => {
    const fake = fakeEngine();
    let during: string[] = [];
    fake.runs.push({ writes: 'ELF new', exit: 0, during: () => (during = fs.readdirSync(outDir)) });
    await expect(goBuildExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: true });
    const argv = fake.specs[0].Cmd as string[];
    expect(argv[argv.indexOf('-o') + 1]).toMatch(/^\/output\/\.kubelet\.[0-9a-z]+\.tmp$/);
    expect(during).toEqual([path.posix.basename(argv[argv.indexOf('-o') + 1])]);
    expect(fs.readFileSync(binary, 'utf8')).toBe('ELF new');
    expect(fs.statSync(binary).mode & 0o777).toBe(0o755);
    expect(fs.readdirSync(outDir)).toEqual(['kubelet']);
  });

  it('a failed run leaves the previous binary byte-identical and no .tmp beside it', async () => {
    const fake = fakeEngine();
    fake.runs.push({ writes: 'ELF old', exit: 0 }, { writes: 'half a binary', exit: 2 });
    await goBuildExecutor(options, context, async () => fake.prepared);
    const before = fs.readFileSync(binary);
    await expect(goBuildExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: false });
    expect(fs.readFileSync(binary).equals(before)).toBe(true);
    expect(fs.readdirSync(outDir)).toEqual(['kubelet']);
    expect(errors).toEqual([
      'go build ./cmd/kubelet for linux/arm64 failed with exit code 2: the compiler output is above; mod/_output/dockerized/bin/linux/arm64/kubelet was left as it was.',
    ]);
  });

  it('a run that ends in an error (the engine lost, an interrupt) removes the partial binary and keeps the previous one', async () => {
    const fake = fakeEngine();
    fake.runs.push({ writes: 'ELF old', exit: 0 });
    await goBuildExecutor(options, context, async () => fake.prepared);
    const lost = new Error('Lost the Docker Engine at unix:///var/run/docker.sock while container c ran (ECONNRESET): start the engine again, then rerun.');
    fake.runs.push({
      writes: 'half a binary',
      exit: 0,
      during: () => {
        throw lost;
      },
    });
    await expect(goBuildExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: false });
    expect(fs.readFileSync(binary, 'utf8')).toBe('ELF old');
    expect(fs.readdirSync(outDir)).toEqual(['kubelet']);
    expect(errors).toEqual([lost.message]);
  });
});
