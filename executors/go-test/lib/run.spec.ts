import type Dockerode from 'dockerode';
import type { ContainerInput } from '../../shared/container/spec';
import { checkTestExit, runTestInEngine } from './run';
import type { TestPlan } from './plan';

const plan: TestPlan = { what: 'go test ./pkg/...', args: ['test', '-run', 'Test X', './pkg/...'], env: { GOOS: 'linux' }, host: { os: 'linux', arch: 'amd64' } };

describe('runTestInEngine', () => {
  it('runs the locked-down container and logs the command with where it runs', async () => {
    let seen: Dockerode.ContainerCreateOptions | undefined;
    const engine = { runToCompletion: jest.fn(async (spec) => ((seen = spec), 3)) };
    const container: ContainerInput = {
      name: 'kube-build-x-test',
      image: 'kube-build:abc',
      cmd: ['go', ...plan.args],
      workingDir: '/go/src/m',
      env: plan.env,
      mounts: [],
      network: 'none',
    };
    const lines: string[] = [];
    await expect(runTestInEngine(engine, plan, container, { signal: new AbortController().signal }, (l) => lines.push(l))).resolves.toBe(3);
    expect(lines).toEqual(["go test -run 'Test X' ./pkg/...  (in kube-build:abc, container kube-build-x-test)"]);
    expect(seen).toMatchObject({ name: 'kube-build-x-test', Image: 'kube-build:abc', HostConfig: { CapDrop: ['ALL'], NetworkMode: 'none' } });
  });

  it('says when the sources come from a volume of the engine', async () => {
    const engine = { runToCompletion: jest.fn(async () => 0) };
    const container: ContainerInput = {
      name: 'kube-build-x-test',
      image: 'kube-build:abc',
      cmd: ['go', 'test', './pkg/...'],
      workingDir: '/go/src/m',
      env: {},
      mounts: [{ type: 'volume', source: 'kube-build-src-x', target: '/go/src/m', readOnly: true }],
      network: 'none',
    };
    const lines: string[] = [];
    await runTestInEngine(engine, plan, container, { signal: new AbortController().signal }, (l) => lines.push(l));
    expect(lines).toEqual(["go test -run 'Test X' ./pkg/...  (in kube-build:abc, container kube-build-x-test, sources from volume kube-build-src-x)"]);
  });
});

describe('checkTestExit', () => {
  it('passes exit 0 and fails any other code naming it', () => {
    expect(() => checkTestExit(plan, 0)).not.toThrow();
    expect(() => checkTestExit(plan, 1)).toThrow(new Error('go test ./pkg/... failed with exit code 1: the test output is above.'));
  });
});
