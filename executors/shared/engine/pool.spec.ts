import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Pingable, acquireEngine, leaseDir } from './pool';
import { EngineSpec } from './engines';
import { countLeases } from './leases';
import { clockLeapsAfter, gaveUpOn, heldByThisProcess } from '../nx/lock.spec-helpers';

describe('acquireEngine', () => {
  let stateDir: string;
  let logs: string[];
  let warnings: string[];
  beforeEach(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-pool-'));
    logs = [];
    warnings = [];
  });
  afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  const A: EngineSpec = { url: 'unix:///var/run/docker.sock' };
  const B: EngineSpec = { url: 'tcp://10.0.0.5:2376', certDir: '/c' };
  const C: EngineSpec = { url: 'tcp://10.0.0.6:2376' };

  /** Engines that answer unless listed as down; `open` records what was dialled. */
  function fakes(down: Record<string, string> = {}) {
    const opened: string[] = [];
    const open = (spec: EngineSpec) => {
      opened.push(spec.url);
      return {
        url: spec.url,
        ping: async (): Promise<void> => {
          if (down[spec.url]) throw new Error(down[spec.url]);
        },
      };
    };
    return { opened, open };
  }
  const opts = (open: (spec: EngineSpec) => Pingable, alive?: (pid: number) => boolean) => ({
    stateDir,
    open,
    log: (l: string) => logs.push(l),
    warn: (l: string) => warnings.push(l),
    alive,
  });
  /** Leases of other (live or dead) processes already on an engine. */
  function leases(spec: EngineSpec, ...pids: number[]): void {
    const dir = leaseDir(stateDir, spec.url);
    fs.mkdirSync(dir, { recursive: true });
    pids.forEach((pid, i) => fs.writeFileSync(path.join(dir, `${pid}-${i}.lease`), `${pid}\n`));
  }

  it('fills an idle pool in the listed order, each build taking a lease', async () => {
    const { open } = fakes();
    const first = await acquireEngine([A, B], opts(open));
    const second = await acquireEngine([A, B], opts(open));
    const third = await acquireEngine([A, B], opts(open));
    expect([first.spec.url, second.spec.url, third.spec.url]).toEqual([A.url, B.url, A.url]);
    expect(countLeases(leaseDir(stateDir, A.url))).toBe(2);
    expect(logs).toEqual([
      `Using Docker Engine ${A.url} (0 other build(s) running there)`,
      `Using Docker Engine ${B.url} (0 other build(s) running there)`,
      `Using Docker Engine ${A.url} (1 other build(s) running there)`,
    ]);
    first.release();
    expect(countLeases(leaseDir(stateDir, A.url))).toBe(1);
    second.release();
    third.release();
  });

  it('picks the engine with the fewest live builds; leases of dead processes do not count', async () => {
    leases(A, 11, 12);
    leases(B, 21, 91, 92, 93);
    const { open } = fakes();
    const alive = (pid: number): boolean => pid === process.pid || [11, 12, 21].includes(pid);
    const got = await acquireEngine([A, B], opts(open, alive));
    expect(got.spec).toEqual(B);
    expect(got.busy).toBe(1);
    expect(fs.readdirSync(leaseDir(stateDir, B.url))).toHaveLength(2);
    got.release();
  });

  it('skips an engine that does not answer with a warning, releasing its lease', async () => {
    const { open, opened } = fakes({ [A.url]: 'connect ENOENT' });
    const got = await acquireEngine([A, B], opts(open));
    expect(got.spec).toEqual(B);
    expect(opened).toEqual([A.url, B.url]);
    expect(warnings).toEqual([`Skipping Docker Engine ${A.url}: connect ENOENT`]);
    expect(countLeases(leaseDir(stateDir, A.url))).toBe(0);
    got.release();
  });

  it('counts an engine it cannot even dial (unreadable certificates) as not answering', async () => {
    const open = (spec: EngineSpec) => {
      if (spec.url === B.url) throw new Error('DOCKER_TLS_VERIFY is set but /c/ca.pem cannot be read.');
      return { ping: async (): Promise<void> => undefined };
    };
    const got = await acquireEngine([B, C], opts(open));
    expect(got.spec).toEqual(C);
    expect(warnings).toEqual([`Skipping Docker Engine ${B.url}: DOCKER_TLS_VERIFY is set but /c/ca.pem cannot be read`]);
    got.release();
  });

  it('fails with one sentence naming every engine and why when none answers', async () => {
    const { open } = fakes({ [B.url]: 'connect ECONNREFUSED', [C.url]: 'no answer within 10s' });
    await expect(acquireEngine([B, C], opts(open))).rejects.toThrow(
      `No Docker Engine of the pool answered: ${B.url} (connect ECONNREFUSED); ${C.url} (no answer within 10s). Start one of them, or fix the engines option / NX_KUBE_BUILD_ENGINES.`,
    );
    expect(countLeases(leaseDir(stateDir, B.url)) + countLeases(leaseDir(stateDir, C.url))).toBe(0);
  });

  it('gives up on an engine that hangs', async () => {
    const open = (spec: EngineSpec) => ({
      ping: (): Promise<void> => (spec.url === B.url ? new Promise(() => undefined) : Promise.resolve()),
    });
    const got = await acquireEngine([B, C], { ...opts(open), pingTimeoutMs: 20 });
    expect(got.spec).toEqual(C);
    expect(warnings).toEqual([`Skipping Docker Engine ${B.url}: no answer within 20ms`]);
    got.release();
  });

  it('gives up on the pool lock after 60s naming it and its holder', async () => {
    const lock = path.join(stateDir, 'engines.lock');
    heldByThisProcess(lock);
    const undo = clockLeapsAfter(300, 60_001);
    try {
      await expect(acquireEngine([A], opts(fakes().open))).rejects.toThrow(gaveUpOn('60s', 'the engine pool lock', lock));
    } finally {
      undo();
    }
  });
});
