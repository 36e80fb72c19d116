import type Dockerode from 'dockerode';
import type { ContainerInput } from '../../shared/container/spec';
import { checkTestExit, runTestInEngine } from './run';
import type { TestPlan } from './plan';

const plan: TestPlan = { what: 'go test ./pkg/...', args: ['test', '-run', 'Test X', './pkg/...'], env: { GOOS: 'linux' }, host: { os: 'linux', arch: 'amd64' } };

describe('runTestInEngine', () => {
  const container = (mounts: ContainerInput['mounts'] = []): ContainerInput => ({
    name: 'kube-build-x-test',
    image: 'kube-build:abc',
    cmd: ['go', ...plan.args],
    workingDir: '/go/src/m',
    env: plan.env,
    mounts,
    network: 'none',
  });
  const logged = async (c: ContainerInput): Promise<string[]> => {
    const lines: string[] = [];
    await runTestInEngine({ runToCompletion: async () => 0 }, plan, c, { signal: new AbortController().signal }, (l) => lines.push(l));
    return lines;
  };

  it('runs the locked-down container and logs the command with where it runs', async () => {
    let seen: Dockerode.ContainerCreateOptions | undefined;
    const engine = { runToCompletion: jest.fn(async (spec) => ((seen = spec), 3)) };
    await expect(runTestInEngine(engine, plan, container(), { signal: new AbortController().signal }, () => undefined)).resolves.toBe(3);
    expect(await logged(container())).toEqual(["go test -run 'Test X' ./pkg/...  (in kube-build:abc, container kube-build-x-test)"]);
    expect(seen).toMatchObject({ name: 'kube-build-x-test', Image: 'kube-build:abc', HostConfig: { CapDrop: ['ALL'], NetworkMode: 'none' } });
  });

  it('says when the sources come from a volume of the engine', async () => {
    const c = container([{ type: 'volume', source: 'kube-build-src-x', target: '/go/src/m', readOnly: true }]);
    expect(await logged(c)).toEqual(["go test -run 'Test X' ./pkg/...  (in kube-build:abc, container kube-build-x-test, sources from volume kube-build-src-x)"]);
  });
});

describe('checkTestExit', () => {
  it('passes exit 0 and fails any other code naming it', () => {
    expect(() => checkTestExit(plan, 0)).not.toThrow();
    expect(() => checkTestExit(plan, 1)).toThrow(new Error('go test ./pkg/... failed with exit code 1: the test output is above.'));
  });
});
