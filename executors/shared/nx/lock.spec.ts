import { execFile, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { LockOptions, LockStep, newNonce, ownedFileText, readOwnedFile, timeoutMessage, withLock } from './lock';
import { Owner, currentOwner } from './owner';

const HOST = os.hostname();
const fake = (pid: number, start = ''): Owner => ({ host: HOST, pid, start });
const aliveOnly =
  (...pids: number[]) =>
  (pid: number): boolean =>
    pids.includes(pid);
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('withLock', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-lock-'));
    file = path.join(dir, 'x.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A lock file as another acquisition of `owner` leaves it. */
  const held = (owner: Owner, at = file): string => {
    const nonce = newNonce();
    fs.writeFileSync(at, ownedFileText(owner, nonce));
    return nonce;
  };
  const base: LockOptions = { what: 'x', timeoutMs: 5000, pollMs: 5 };

  it('runs callers one at a time, writes host, pid and start, and leaves nothing behind', async () => {
    const inner = path.join(dir, 'sub', 'x.lock');
    const order: string[] = [];
    const step = (name: string) => async (): Promise<void> => {
      order.push(`${name} in`);
      expect(readOwnedFile(inner)?.owner).toEqual(currentOwner());
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${name} out`);
    };
    await Promise.all([withLock(inner, step('a'), base), withLock(inner, step('b'), base)]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(fs.readdirSync(path.dirname(inner))).toEqual([]);
  });

  it('takes over a lock whose holder is dead, in the old bare-pid form too', async () => {
    const child = spawn('true');
    const gone = currentOwner(child.pid as number);
    await new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 50));
    held(gone);
    await expect(withLock(file, () => 'ran', base)).resolves.toBe('ran');
    fs.writeFileSync(file, '999999\n');
    await expect(withLock(file, () => 'ran', { ...base, alive: aliveOnly() })).resolves.toBe('ran');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes the temp and claim files a killed process left beside the lock, not those of live ones', async () => {
    held(fake(999), `${file}.aaaa.tmp`);
    held(fake(999), `${file}.bbbb.break`);
    held(fake(999), `${file}.bbbb.break.cccc.break`);
    held(fake(1), `${file}.dddd.tmp`);
    await withLock(file, () => 'ran', { ...base, alive: aliveOnly(process.pid, 1) });
    expect(fs.readdirSync(dir)).toEqual(['x.lock.dddd.tmp']);
  });

  it('takes over a lock whose pid runs but started at another time (a reused pid)', async () => {
    held({ ...currentOwner(), start: '1' });
    await expect(withLock(file, () => 'ran', base)).resolves.toBe('ran');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('waits for a live holder, says who, and times out naming the file, what it guards, the holder and the fix', async () => {
    const me = currentOwner();
    held(me);
    // ps is an independent reader of the start time; TZ=UTC as the message says UTC.
    const lstart = execFileSync('ps', ['-o', 'lstart=', '-p', String(me.pid)], { env: { ...process.env, TZ: 'UTC' } });
    const started = new Date(`${lstart.toString().trim()} UTC`).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
    const waited: (number | undefined)[] = [];
    const opts = { what: 'the image lock', timeoutMs: 50, pollMs: 10, onWait: (pid?: number) => waited.push(pid) };
    await expect(withLock(file, () => 'ran', opts)).rejects.toThrow(
      `Waited 0s for the image lock (lock file ${file}), held by pid ${me.pid} on host ${HOST}, started ${started}: let that process finish, or delete ${file} if that process is not running.`,
    );
    expect(waited).toEqual([me.pid]);
    expect(readOwnedFile(file)?.owner).toEqual(me);
  });

  it('two waiters saw the same stale lock: the late one leaves the fresh lock of the first alone', async () => {
    held(fake(999)); // dead: only 1 and 2 run
    const alive = aliveOnly(1, 2);
    const order: string[] = [];
    let bSaw!: () => void;
    let bGo!: () => void;
    let bWaits!: () => void;
    const bSawStale = new Promise<void>((r) => (bSaw = r));
    const bMayGo = new Promise<void>((r) => (bGo = r));
    const bWaiting = new Promise<void>((r) => (bWaits = r));
    // b sees 999's lock stale and stops right there, before its takeover.
    const stopAtStale = async (s: LockStep): Promise<void> => {
      if (s !== 'stale') return;
      bSaw();
      await bMayGo;
    };
    const b = withLock(file, () => void order.push('b in'), { ...base, owner: fake(2), alive, step: stopAtStale, onWait: () => bWaits() });
    await bSawStale;
    // a takes the lock over; inside, it lets b go on and gives it time to do its worst.
    const a = withLock(
      file,
      async () => {
        order.push('a in');
        bGo();
        await Promise.race([bWaiting.then(() => order.push('b waits')), new Promise((r) => setTimeout(r, 3000))]);
        order.push('a out');
      },
      { ...base, owner: fake(1), alive },
    );
    await Promise.all([a, b]);
    expect(order).toEqual(['a in', 'b waits', 'a out', 'b in']);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a waiter that died holding its takeover claim is taken over too', async () => {
    held(fake(999));
    const live = new Set([1, 2]);
    const alive = (pid: number): boolean => live.has(pid);
    let claimed!: () => void;
    const wClaimed = new Promise<void>((r) => (claimed = r));
    const dieAtClaim = (s: LockStep): Promise<void> | void => {
      if (s !== 'claimed') return;
      live.delete(1);
      claimed();
      return new Promise<void>(() => undefined); // never goes on
    };
    void withLock(file, () => 'w ran', { ...base, owner: fake(1), alive, step: dieAtClaim });
    await wClaimed;
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.break'))).toHaveLength(1);
    await expect(withLock(file, () => 'v ran', { ...base, owner: fake(2), alive })).resolves.toBe('v ran');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never has two holders over many random interleavings of waiters taking over stale locks', async () => {
    let seed = 16;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pause = async (): Promise<void> => {
      for (let n = Math.floor(rand() * 4); n > 0; n--) await tick();
    };
    const alive = (pid: number): boolean => pid < 900; // 900 and up are dead
    for (let round = 0; round < 50; round++) {
      held(fake(900));
      let inside = 0;
      let most = 0;
      let ran = 0;
      const section = (pid: number) => async (): Promise<void> => {
        most = Math.max(most, ++inside);
        await pause();
        inside--;
        ran++;
        // Half of them die holding it (their last act): the file names a dead owner the next one must take over.
        if (rand() < 0.5) held(fake(900 + pid));
      };
      const opts = (pid: number): LockOptions => ({ ...base, owner: fake(pid), alive, pollMs: 1, step: pause });
      await Promise.all([1, 2, 3, 4, 5].map((pid) => withLock(file, section(pid), opts(pid))));
      expect({ round, most, ran }).toEqual({ round, most: 1, ran: 5 });
    }
    expect(fs.readdirSync(dir).filter((n) => n !== 'x.lock')).toEqual([]);
  }, 30_000); // polls are timers: slow on a busy machine

  it('a lock file it cannot read is an error naming it, not a wait without end', async () => {
    fs.mkdirSync(file);
    await expect(withLock(file, () => 'ran', base)).rejects.toThrow(
      `Cannot read the lock file ${file} (EISDIR): make it a readable file, or delete it if no build is running.`,
    );
  });

  it('stops waiting when aborted', async () => {
    held(currentOwner());
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    await expect(withLock(file, () => 'ran', { ...base, what: 'the image lock', signal: ac.signal })).rejects.toThrow(
      'Waiting for the image lock was interrupted.',
    );
  });

  it('releases the lock when the work throws', async () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    await expect(withLock(file, boom, base)).rejects.toThrow('boom');
    expect(fs.existsSync(file)).toBe(false);
  });
});

/** Each child takes the lock `rounds` times; inside, an O_EXCL marker fails if another holder is in; every other time it dies holding it. */
const HAMMER = `
const fs = require('fs');
const os = require('os');
const { withLock } = require('./lock.js');
const [file, inside, rounds] = process.argv.slice(2);
(async () => {
  for (let i = 0; i < Number(rounds); i++) {
    await withLock(file, async () => {
      fs.writeFileSync(inside, String(process.pid), { flag: 'wx' });
      await new Promise((r) => setTimeout(r, 1));
      fs.rmSync(inside);
      if (i % 2) return;
      // Dies holding it, as a process whose pid was then reused: our pid, another start time.
      fs.writeFileSync(file + '.' + process.pid, os.hostname() + ' ' + process.pid + ' 1\\ndead' + process.pid + 'x' + i + '\\n');
      fs.renameSync(file + '.' + process.pid, file);
    }, { what: 'the hammer', timeoutMs: 20000, pollMs: 1 });
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

describe('withLock across processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-lock-procs-'));
    for (const name of ['lock', 'owner']) {
      const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
      const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      fs.writeFileSync(path.join(dir, `${name}.js`), js.outputText);
    }
    fs.writeFileSync(path.join(dir, 'hammer.js'), HAMMER);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('six processes taking over stale locks from each other never hold it together', async () => {
    const file = path.join(dir, 'x.lock');
    const run = (): Promise<string> =>
      new Promise((resolve) => {
        execFile(process.execPath, ['hammer.js', file, path.join(dir, 'inside'), '20'], { cwd: dir }, (err, _out, errText) =>
          resolve(err ? `exit ${err.code}: ${errText.trim()}` : 'ok'),
        );
      });
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map(run))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(fs.readdirSync(dir).filter((n) => !n.endsWith('.js') && n !== 'x.lock')).toEqual([]);
  }, 30_000);
});

describe('timeoutMessage', () => {
  const opts = (timeoutMs: number): LockOptions => ({ what: 'the source sync lock of tcp://10.0.0.5:2376', timeoutMs });
  it.each([
    [{ host: 'ci-2', pid: 7, start: '9001' }, 15 * 60_000, '15 min', 'pid 7 on host ci-2, start 9001 (clock ticks after its boot)'],
    [{ host: 'ci-2', pid: 7, start: '' }, 60_000, '60s', 'pid 7 on host ci-2'],
    [undefined, 90_000, '90s', 'an unknown process (the file is unreadable)'],
  ])('%j after %d ms', (owner, ms, waited, holder) => {
    expect(timeoutMessage('/s/sync.lock', opts(ms), { owner, id: 'n', mtimeMs: 0 })).toBe(
      `Waited ${waited} for the source sync lock of tcp://10.0.0.5:2376 (lock file /s/sync.lock), held by ${holder}: let that process finish, or delete /s/sync.lock if that process is not running.`,
    );
  });
});
