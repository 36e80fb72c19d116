import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { countLeases, leastBusy, readPid, takeLease, withLock } from './leases';

describe('leases and locks', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-leases-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const aliveOnly =
    (...pids: number[]) =>
    (pid: number): boolean =>
      pids.includes(pid);

  describe('countLeases', () => {
    it('counts live leases, ignores and removes those of dead processes', () => {
      fs.writeFileSync(path.join(dir, '100-a.lease'), '100\n');
      fs.writeFileSync(path.join(dir, '101-b.lease'), '101\n');
      fs.writeFileSync(path.join(dir, '200-c.lease'), '200\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), '300\n');
      expect(countLeases(dir, aliveOnly(100, 101))).toBe(2);
      expect(fs.readdirSync(dir).sort()).toEqual(['100-a.lease', '101-b.lease', 'notes.txt']);
    });

    it('is 0 for a folder that does not exist yet', () => {
      expect(countLeases(path.join(dir, 'none'))).toBe(0);
    });

    it('keeps a lease whose pid is not written yet, unless it is old', () => {
      const file = path.join(dir, '1-x.lease');
      fs.writeFileSync(file, '');
      const now = fs.statSync(file).mtimeMs;
      expect(countLeases(dir, () => false, now + 1000)).toBe(1);
      expect(countLeases(dir, () => false, now + 60_000)).toBe(0);
    });
  });

  describe('takeLease', () => {
    it('adds one live lease with our pid; release removes it, twice is harmless', () => {
      const a = takeLease(dir);
      const b = takeLease(dir);
      expect(a.file).not.toBe(b.file);
      expect(readPid(a.file)).toBe(process.pid);
      expect(countLeases(dir)).toBe(2);
      a.release();
      a.release();
      expect(countLeases(dir)).toBe(1);
      b.release();
      expect(countLeases(dir)).toBe(0);
    });
  });

  describe('withLock', () => {
    it('runs callers one at a time and removes the lock after', async () => {
      const file = path.join(dir, 'sub', 'x.lock');
      const order: string[] = [];
      const step = (name: string) => async (): Promise<void> => {
        order.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`${name} out`);
      };
      await Promise.all([
        withLock(file, step('a'), { what: 'x', pollMs: 5 }),
        withLock(file, step('b'), { what: 'x', pollMs: 5 }),
      ]);
      expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
      expect(fs.existsSync(file)).toBe(false);
    });

    it('takes over a lock whose holder is dead', async () => {
      const file = path.join(dir, 'x.lock');
      fs.writeFileSync(file, '999999\n');
      await expect(withLock(file, () => 'ran', { what: 'x', alive: aliveOnly(process.pid) })).resolves.toBe('ran');
      expect(fs.existsSync(file)).toBe(false);
    });

    it('waits for a live holder, says who it is, and gives up after the timeout with one sentence', async () => {
      const file = path.join(dir, 'x.lock');
      fs.writeFileSync(file, '4242\n');
      const waited: (number | undefined)[] = [];
      await expect(
        withLock(file, () => 'ran', {
          what: 'the image lock',
          timeoutMs: 50,
          pollMs: 10,
          alive: aliveOnly(4242),
          onWait: (pid) => waited.push(pid),
        }),
      ).rejects.toThrow(
        `Waited 0s for the image lock, held by pid 4242 (${file}): let that process finish, or delete the file if it is not running.`,
      );
      expect(waited).toEqual([4242]);
      expect(fs.readFileSync(file, 'utf8')).toBe('4242\n');
    });

    it('stops waiting when aborted', async () => {
      const file = path.join(dir, 'x.lock');
      fs.writeFileSync(file, '4242\n');
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 20);
      await expect(
        withLock(file, () => 'ran', { what: 'the image lock', pollMs: 5, alive: aliveOnly(4242), signal: ac.signal }),
      ).rejects.toThrow('Waiting for the image lock was interrupted.');
    });

    it('releases the lock when the work throws', async () => {
      const file = path.join(dir, 'x.lock');
      await expect(
        withLock(file, () => {
          throw new Error('boom');
        }, { what: 'x' }),
      ).rejects.toThrow('boom');
      expect(fs.existsSync(file)).toBe(false);
    });
  });
});

describe('leastBusy', () => {
  it.each([
    [[], undefined],
    [[{ id: 'a', busy: 0 }], 'a'],
    [[{ id: 'a', busy: 0 }, { id: 'b', busy: 0 }], 'a'],
    [[{ id: 'a', busy: 2 }, { id: 'b', busy: 1 }, { id: 'c', busy: 1 }], 'b'],
    [[{ id: 'a', busy: 1 }, { id: 'b', busy: 3 }], 'a'],
  ])('%j → %s', (candidates, id) => {
    expect(leastBusy(candidates)?.id).toBe(id);
  });
});
