import { spawn } from 'child_process';
import { currentOwner, formatOwner, ownerAlive, parseOwner, processStart } from './owner';

describe('owner', () => {
  it('reads this process start time from /proc, stable across reads', () => {
    const start = processStart(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(processStart(process.pid)).toBe(start);
    expect(processStart(2 ** 22 + 12345)).toBe('');
  });

  it('this process is alive, a finished child is not', async () => {
    expect(ownerAlive(currentOwner())).toBe(true);
    const child = spawn('true');
    const owner = currentOwner(child.pid as number);
    await new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 50));
    expect(ownerAlive(owner)).toBe(false);
  });

  it('a reused pid (same number, other start time) is not the owner', () => {
    const here = { host: 'h', alive: () => true, start: () => '200' };
    expect(ownerAlive({ host: 'h', pid: 7, start: '100' }, here)).toBe(false);
    expect(ownerAlive({ host: 'h', pid: 7, start: '200' }, here)).toBe(true);
    expect(ownerAlive({ host: 'h', pid: 7, start: '' }, here)).toBe(true);
  });

  it('an owner on another host counts as alive: its pids mean nothing here', () => {
    const here = { host: 'h', alive: () => false, start: () => '' };
    expect(ownerAlive({ host: 'other', pid: 7, start: '1' }, here)).toBe(true);
  });

  it('round-trips through text; a bare pid is this host', () => {
    const o = { host: 'ci-1', pid: 42, start: '9001' };
    expect(parseOwner(formatOwner(o))).toEqual(o);
    expect(parseOwner('42\n', 'me')).toEqual({ host: 'me', pid: 42, start: '' });
    expect(parseOwner('')).toBeUndefined();
    expect(parseOwner('garbage here')).toBeUndefined();
  });
});
