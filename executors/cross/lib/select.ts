/** Which platforms one cross run builds. Pure. */
import { Platform, narrowPlatforms, parsePlatform, parsePlatformList, platformString, uniquePlatforms } from '../../../plugin/platforms';

/**
 * The target's platforms narrowed by KUBE_FASTBUILD / KUBE_BUILD_PLATFORMS.
 * Throws, naming what was asked and what exists, when nothing is left.
 */
export function selectPlatforms(
  platforms: string[],
  env: NodeJS.ProcessEnv,
  host: Platform,
  project: string,
  dropped: Record<string, string> = {},
): Platform[] {
  const all = uniquePlatforms((platforms ?? []).map(parsePlatform));
  // Asking by name for a platform the code cannot build is an error, not a silent skip.
  for (const p of askedPlatforms(env)) {
    const why = dropped[platformString(p)];
    if (why) throw new Error(`KUBE_BUILD_PLATFORMS asks for ${platformString(p)}, which ${project} cannot build: ${why}.`);
  }
  if (all.length === 0) {
    throw new Error(`${project} has no platforms to cross-build; list them in the cross target's "platforms" option (e.g. ["linux/amd64"]).`);
  }
  return narrowPlatforms(all, env, host, project);
}

/** KUBE_BUILD_PLATFORMS as platforms; a malformed list is narrowPlatforms' to report. */
function askedPlatforms(env: NodeJS.ProcessEnv): Platform[] {
  try {
    return env.KUBE_BUILD_PLATFORMS ? parsePlatformList(env.KUBE_BUILD_PLATFORMS) : [];
  } catch {
    return [];
  }
}

/** Platforms at once: the option, else nx.json's parallel, else NX_PARALLEL, else Nx's default of 3. */
export function resolveParallel(option: number | undefined, nxJsonParallel: number | undefined, env: NodeJS.ProcessEnv): number {
  const candidates: [string, unknown][] = [
    ['parallel', option],
    ['nx.json parallel', nxJsonParallel],
    ['NX_PARALLEL', env.NX_PARALLEL ? Number(env.NX_PARALLEL) : undefined],
  ];
  for (const [what, v] of candidates) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new Error(`${what} must be a positive integer, got ${what === 'NX_PARALLEL' ? `"${env.NX_PARALLEL}"` : String(v)}; set 1 or more.`);
    }
    return v;
  }
  return 3;
}
