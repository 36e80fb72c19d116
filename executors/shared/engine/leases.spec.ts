import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ownedFileText, readOwnedFile } from '../nx/lock';
import { currentOwner } from '../nx/owner';
import { countLeases, leastBusy, takeLease } from './leases';

describe('leases', () => {
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

    it('a lease whose pid runs but started at another time (a reused pid) is stale and removed', () => {
      const me = currentOwner();
      fs.writeFileSync(path.join(dir, `${me.pid}-a.lease`), ownedFileText({ ...me, start: '1' }, 'a'));
      fs.writeFileSync(path.join(dir, `${me.pid}-b.lease`), ownedFileText(me, 'b'));
      expect(countLeases(dir)).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([`${me.pid}-b.lease`]);
    });

    it('removes the temp file of a lease a killed process left, not that of a live one', () => {
      fs.writeFileSync(path.join(dir, '100-a.lease.n.tmp'), ownedFileText({ ...currentOwner(), pid: 100, start: '' }, 'n'));
      fs.writeFileSync(path.join(dir, '200-b.lease.m.tmp'), ownedFileText({ ...currentOwner(), pid: 200, start: '' }, 'm'));
      expect(countLeases(dir, aliveOnly(200))).toBe(0);
      expect(fs.readdirSync(dir)).toEqual(['200-b.lease.m.tmp']);
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
      expect(readOwnedFile(a.file)?.owner).toEqual(currentOwner());
      expect(countLeases(dir)).toBe(2);
      a.release();
      a.release();
      expect(countLeases(dir)).toBe(1);
      b.release();
      expect(countLeases(dir)).toBe(0);
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
