/** The engine a build runs on: a pool member's lease (or DOCKER_HOST), the kube-build image ready and the Go cache volume there. */
import { platformString, uniquePlatforms } from '../../../plugin/platforms';
import { resolveEngineSpecs } from '../../shared/engine/engines';
import type { CgoImageRequest } from '../../shared/image/cgo-image';
import { hasCgoCompiler } from '../../shared/image/cross-compilers';
import { PreparedEngine, prepareEngine } from '../../shared/image/prepare';
import type { ExecutorRun } from '../../shared/nx/executor';
import { reapOrphans, reapedLine } from '../../shared/cleanup/orphans';
import type { ModCache } from '../../shared/container/go-container';
import { placeModules } from '../../shared/modcache/fill';
import { PlacedSources, placeSources, sourceVolumeOf } from '../../shared/sync/place';
import type { NormalizedBuildOptions } from './options';

export interface BuildLog {
  info(line: string): void;
  warn(line: string): void;
}

export async function leaseEngine(
  o: NormalizedBuildOptions,
  run: ExecutorRun,
  log: BuildLog,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<PreparedEngine> {
  const engines = resolveEngineSpecs(o.engines, process.env);
  const lease = await prepare(o.workspaceRoot, { ...o, engines, cgo: cgoImageRequest(o) }, log.info, run.signal, log.warn);
  run.onRelease(lease.release);
  return lease;
}

/** What a build's container needs, ready on the engine: the lease, the sources and the module cache. */
export interface ReadyEngine {
  lease: PreparedEngine;
  sources: PlacedSources;
  modules?: ModCache;
}

/**
 * The steps before go runs, shared by one task and a batch's group: the
 * engine leased, what interrupted runs left reaped, sources and modules in
 * place; `what` names the build when a signal stops it between steps.
 */
export async function readyEngine(o: NormalizedBuildOptions, run: ExecutorRun, log: BuildLog, prepare: typeof prepareEngine, what: string): Promise<ReadyEngine> {
  const lease = await leaseEngine(o, run, log, prepare);
  const reaped = reapedLine(await reapOrphans(lease.engine, o.workspaceRoot));
  if (reaped) log.info(reaped);
  run.checkInterrupted(what);
  const sources = await placeSources(o, lease, log.info);
  run.checkInterrupted(what);
  const modules = await placeModules(o, lease, sourceVolumeOf(sources), run, log.info);
  run.checkInterrupted(what);
  return { lease, sources, modules };
}

/**
 * The cgo image a cgo build needs: one for all the module's cgo platforms
 * that have a C compiler (so its binaries share it), plus this build's when
 * an override added it.
 */
export function cgoImageRequest(o: Pick<NormalizedBuildOptions, 'cgo' | 'cgoPlatforms' | 'cgoPackages' | 'platform'>): CgoImageRequest | undefined {
  if (!o.cgo) return undefined;
  const platforms = uniquePlatforms([...o.cgoPlatforms.filter(hasCgoCompiler), o.platform]).sort((a, b) =>
    platformString(a).localeCompare(platformString(b)),
  );
  return { platforms, packages: [...new Set(o.cgoPackages)].sort() };
}
