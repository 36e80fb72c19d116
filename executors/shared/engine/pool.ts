/**
 * Picks one engine of the pool for a build: least busy first, counted across
 * processes by lease files under the workspace data directory; an engine that
 * does not answer is skipped with a warning.
 */
import * as path from 'path';
import { EngineSpec, engineKey } from './engines';
import { countLeases, leastBusy, takeLease } from './leases';
import { Alive, withLock } from '../nx/lock';

export interface Pingable {
  ping(): Promise<void>;
}

export interface AcquiredEngine<E> {
  engine: E;
  spec: EngineSpec;
  /** Builds running on it when it was chosen, this one not counted. */
  busy: number;
  release(): void;
}

export interface AcquireOptions<E> {
  /** <workspace data dir>/nx-kube-build */
  stateDir: string;
  open: (spec: EngineSpec) => E;
  log: (line: string) => void;
  warn: (line: string) => void;
  pingTimeoutMs?: number;
  alive?: Alive;
}

/** Folder of one engine's leases. */
export const leaseDir = (stateDir: string, url: string): string => path.join(stateDir, 'engines', engineKey(url));

async function pingWithin(engine: Pingable, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const within = ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`;
    timer = setTimeout(() => reject(new Error(`no answer within ${within}`)), ms);
  });
  try {
    await Promise.race([engine.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function acquireEngine<E extends Pingable>(specs: EngineSpec[], o: AcquireOptions<E>): Promise<AcquiredEngine<E>> {
  const alive = o.alive;
  const dead = new Map<string, string>();
  const lockFile = path.join(o.stateDir, 'engines.lock');
  for (;;) {
    const chosen = await withLock(
      lockFile,
      () => {
        const candidates = specs
          .filter((s) => !dead.has(s.url))
          .map((spec) => ({ spec, busy: countLeases(leaseDir(o.stateDir, spec.url), alive) }));
        const pick = leastBusy(candidates);
        return pick && { ...pick, lease: takeLease(leaseDir(o.stateDir, pick.spec.url)) };
      },
      { what: 'the engine pool lock', timeoutMs: 60_000, alive },
    );
    if (!chosen) {
      const why = specs.map((s) => `${s.url} (${dead.get(s.url)})`).join('; ');
      throw new Error(`No Docker Engine of the pool answered: ${why}. Start one of them, or fix the engines option / NX_KUBE_BUILD_ENGINES.`);
    }
    let engine: E;
    try {
      // A bad address or unreadable certificates count as not answering, too.
      engine = o.open(chosen.spec);
      await pingWithin(engine, o.pingTimeoutMs ?? 10_000);
    } catch (e) {
      chosen.lease.release();
      const why = (e as Error).message.replace(/\.$/, '');
      dead.set(chosen.spec.url, why);
      o.warn(`Skipping Docker Engine ${chosen.spec.url}: ${why}`);
      continue;
    }
    o.log(`Using Docker Engine ${chosen.spec.url} (${chosen.busy} other build(s) running there)`);
    return { engine, spec: chosen.spec, busy: chosen.busy, release: chosen.lease.release };
  }
}
