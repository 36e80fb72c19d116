/** The go-test executor end to end with a fake engine at its prepare seam: what the test container is given. */
import { ExecutorContext, logger } from '@nx/devkit';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeEngine } from '../shared/image/fake-engine.spec-helpers';
import goTestExecutor from './executor';

const SECRET = 'hunter2-secret-token-value';
/** The allow-list as README's Guarantees state it, written out here rather than read from the code under test. */
const ALLOWED_ENV = ['CGO_ENABLED', 'GOARCH', 'GOFLAGS', 'GOGCFLAGS', 'GOLDFLAGS', 'GOOS', 'GOPROXY', 'KUBE_VERBOSE', 'SOURCE_DATE_EPOCH'];

describe('go-test executor (fake engine)', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-test-exec-'));
  fs.mkdirSync(path.join(ws, 'pkg/a'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'vendor'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'go.mod'), 'module k8s.io/kubernetes\n\ngo 1.19\n');
  fs.writeFileSync(path.join(ws, 'vendor/modules.txt'), '');
  fs.writeFileSync(path.join(ws, 'pkg/a/a_test.go'), 'package a\n');
  const context = { root: ws, cwd: ws, isVerbose: false, projectName: 'k8s.io/kubernetes/pkg/a', targetName: 'test' } as unknown as ExecutorContext;
  const options = { moduleRoot: '', packages: ['./pkg/a'], cacheVolume: 'gocache' };
  let errors: string[] = [];

  beforeAll(() => {
    process.env.SECRET_TOKEN = SECRET;
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterAll(() => {
    jest.restoreAllMocks();
    delete process.env.SECRET_TOKEN;
    fs.rmSync(ws, { recursive: true, force: true });
  });
  beforeEach(() => (errors = []));

  it('runs go test as the caller, with exactly the allowed env, the source read-only and only the cache writable', async () => {
    const fake = fakeEngine();
    await expect(goTestExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: true });
    expect(fake.specs).toHaveLength(1);
    const spec = fake.specs[0];
    expect([...(spec.Entrypoint as string[]), ...(spec.Cmd as string[])]).toEqual(['go', 'test', './pkg/a']);
    expect(spec.User).toBe(`${process.getuid!()}:${process.getgid!()}`);
    expect((spec.Env ?? []).map((e) => e.split('=')[0])).toEqual(ALLOWED_ENV);
    expect((spec.Env ?? []).join('\n')).not.toContain(SECRET);
    const mounts = (spec.HostConfig?.Mounts ?? []).map((m) => [m.Type, m.Source, m.Target, m.ReadOnly]);
    expect(mounts.sort()).toEqual(
      [
        ['bind', ws, '/go/src/k8s.io/kubernetes', true],
        ['volume', 'gocache', '/go-cache', false],
      ].sort(),
    );
    expect(spec.HostConfig).toMatchObject({ NetworkMode: 'none', Privileged: false, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] });
    expect(spec.Labels).toMatchObject({ 'io.nx-kube-build.workspace': ws });
  });

  it('a failing go test fails the run with one line', async () => {
    const fake = fakeEngine();
    fake.runs.push({ exit: 1 });
    await expect(goTestExecutor(options, context, async () => fake.prepared)).resolves.toEqual({ success: false });
    expect(errors).toEqual(['go test ./pkg/a failed with exit code 1: the test output is above.']);
  });
});
