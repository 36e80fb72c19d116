import type Dockerode from 'dockerode';
import * as fs from 'fs';
import { containerBuild, partialBinary, planBuild } from './plan';
import { runInEngine } from './run';
import { tempModule } from './steps.spec-helpers';

describe('runInEngine', () => {
  const mod = tempModule();
  afterAll(() => mod.cleanup());
  const o = mod.options();
  const plan = planBuild(o, { version: { buildDate: 'd', epoch: 0 }, hostEnv: {}, project: 'kubelet', target: 'build', owner: { host: 'h', pid: 1, start: '' }, nonce: 'r' });

  it('runs the locked-down spec and creates the output dir for the mount', async () => {
    let seen: Dockerode.ContainerCreateOptions | undefined;
    const engine = { runToCompletion: jest.fn(async (spec) => ((seen = spec), 0)), copyFileOut: jest.fn() };
    const lines: string[] = [];
    await expect(runInEngine(engine, plan, containerBuild(plan, o, 'img', { kind: 'mount' }), { signal: new AbortController().signal }, (l) => lines.push(l))).resolves.toBe(0);
    expect(fs.statSync(plan.output.dir).isDirectory()).toBe(true);
    expect(seen).toMatchObject({ Image: 'img', HostConfig: { CapDrop: ['ALL'], Privileged: false, NetworkMode: 'none' } });
    expect(engine.copyFileOut).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
  });

  it('copies the binary out of a volume build only when go succeeded', async () => {
    for (const exit of [0, 1]) {
      const engine = {
        runToCompletion: jest.fn(async (_spec, io) => (await io.beforeRemove?.(exit), exit)),
        copyFileOut: jest.fn(async () => true),
      };
      await runInEngine(engine, plan, containerBuild(plan, o, 'img', { kind: 'volume', volume: 'v' }), { signal: new AbortController().signal }, () => undefined);
      expect(engine.copyFileOut.mock.calls).toEqual(exit === 0 ? [[plan.container.name, '/tmp/.kubelet.r.tmp', partialBinary(plan)]] : []);
    }
  });
});
