import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { engineKey } from '../engine/engines';
import { clockLeapsAfter, gaveUpOn, heldByThisProcess } from '../nx/lock.spec-helpers';
import { withImageLock } from './prepare';

describe('withImageLock', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-image-lock-'));
  });
  afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));
  const url = 'unix:///var/run/docker.sock';

  it('builds the image once per engine at a time, leaving no lock behind', async () => {
    const order: string[] = [];
    const build = (name: string) => async (): Promise<void> => {
      order.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name} out`);
    };
    await Promise.all([withImageLock(stateDir, url, build('a'), () => undefined), withImageLock(stateDir, url, build('b'), () => undefined)]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(fs.readdirSync(stateDir)).toEqual([]);
  });

  it('waits for another build of the image, saying so, and gives up after 30 min naming the lock', async () => {
    const lock = path.join(stateDir, `image-${engineKey(url)}.lock`);
    heldByThisProcess(lock);
    const lines: string[] = [];
    const undo = clockLeapsAfter(300, 30 * 60_000 + 1);
    try {
      await expect(withImageLock(stateDir, url, async () => 'built', (l) => lines.push(l))).rejects.toThrow(
        gaveUpOn('30 min', `the kube-build image lock of ${url}`, lock),
      );
    } finally {
      undo();
    }
    expect(lines).toEqual([`Waiting for pid ${process.pid} to finish the kube-build image on ${url}`]);
  });
});
