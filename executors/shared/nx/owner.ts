/**
 * Who owns a container, a partial binary or a lock: a process named by host,
 * pid and the pid's start time. A pid alone is not enough: after a SIGKILL the
 * kernel hands the number to another process, which must not read as the owner.
 */
import * as fs from 'fs';
import * as os from 'os';

export interface Owner {
  host: string;
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22); '' where unknown. */
  start: string;
}

/** Field 22 of /proc/<pid>/stat; '' when the process is gone or the system has no /proc. */
export function processStart(pid: number): string {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
  // The command name (field 2) is parenthesised and may hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? '';
}

export function currentOwner(pid = process.pid): Owner {
  return { host: os.hostname(), pid, start: processStart(pid) };
}

/** True while `pid` runs (EPERM: it runs as someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Liveness {
  host: string;
  alive: (pid: number) => boolean;
  start: (pid: number) => string;
}

const LOCAL: Liveness = { host: os.hostname(), alive: pidAlive, start: processStart };

/**
 * Whether `owner` may still be running. An owner on another host is assumed
 * alive (its pids mean nothing here); on this host it is alive when its pid
 * runs and, where both are known, started when the owner did.
 */
export function ownerAlive(owner: Owner, here: Liveness = LOCAL): boolean {
  if (owner.host !== here.host) return true;
  if (!here.alive(owner.pid)) return false;
  if (!owner.start) return true;
  const now = here.start(owner.pid);
  return now === '' || now === owner.start;
}

/** `host pid start` on one line, as lock files and labels carry it. */
export function formatOwner(o: Owner): string {
  return `${o.host} ${o.pid} ${o.start}`.trim();
}

/** The owner written by formatOwner; a bare pid (older files) counts as this host's. Undefined when unreadable. */
export function parseOwner(text: string, host = os.hostname()): Owner | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 1 && /^\d+$/.test(words[0])) return { host, pid: Number(words[0]), start: '' };
  if (words.length < 2 || !/^\d+$/.test(words[1])) return undefined;
  return { host: words[0], pid: Number(words[1]), start: words[2] ?? '' };
}

/**
 * When a process of this host started, from its start in clock ticks and the
 * boot time in /proc/stat; undefined elsewhere or when unknown. /proc counts
 * USER_HZ ticks, 100 a second on x86, arm and the other common architectures.
 */
export function startedAt(o: Owner, host = os.hostname()): Date | undefined {
  if (o.host !== host || !/^\d+$/.test(o.start)) return undefined;
  let stat: string;
  try {
    stat = fs.readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const boot = /^btime (\d+)$/m.exec(stat);
  return boot ? new Date(Number(boot[1]) * 1000 + Number(o.start) * 10) : undefined;
}
