/**
 * A build writes one of its target's platforms to that platform's path: an
 * override that asks for another is an error, never a binary of the wrong
 * platform in a cached output.
 */
import { Platform, configurationName, parsePlatform, platformString } from '../../../plugin/platforms';

export interface PlatformChoice {
  platform: Platform;
  /** The target's configurations as Nx resolved them (configuration name → options). */
  configurations?: Record<string, Record<string, unknown> | undefined>;
  configurationName?: string;
  /** os/arch → why build constraints rule it out (the target's metadata). */
  dropped?: Record<string, string>;
  /** project:target, for messages. */
  what: string;
}

function platformOf(options: Record<string, unknown> | undefined): Platform | undefined {
  if (typeof options?.platform !== 'string') return undefined;
  try {
    return parsePlatform(options.platform);
  } catch {
    return undefined;
  }
}

/** Throws when the platform is not one the target offers, or not its configuration's. Pure. */
export function checkPlatformChoice(c: PlatformChoice): void {
  const want = platformString(c.platform);
  const offered = Object.values(c.configurations ?? {})
    .map(platformOf)
    .filter((p): p is Platform => p !== undefined);
  const why = c.dropped?.[want];
  if (why) throw new Error(`${c.what} cannot build for ${want}: ${why}.`);
  if (offered.length > 0 && !offered.some((p) => platformString(p) === want)) {
    throw new Error(
      `platform "${want}" is not a platform of ${c.what}: run one of its configurations ${offered.map(configurationName).join(', ')}, or add the platform to one of its groups in nx.json.`,
    );
  }
  const configured = c.configurationName ? platformOf(c.configurations?.[c.configurationName]) : undefined;
  if (configured && platformString(configured) !== want) {
    throw new Error(
      `platform "${want}" does not match configuration ${c.configurationName} of ${c.what}: run ${c.what}:${configurationName(c.platform)} instead of overriding --platform.`,
    );
  }
}

interface TargetView {
  defaultConfiguration?: string;
  configurations?: Record<string, Record<string, unknown> | undefined>;
  metadata?: unknown;
}

/**
 * Why this run builds nothing, when Nx ran the target with no configuration
 * because the one asked for (`run-many -c linux-amd64`) is a platform the
 * binary's build constraints rule out: Nx then falls back to no configuration
 * at all. A darwin-only helper has nothing to build for linux. Pure.
 */
export function nothingToBuild(
  platformOption: string | undefined,
  configurationName: string | undefined,
  target: TargetView | undefined,
  host: Platform,
  what: string,
): string | undefined {
  if (platformOption !== undefined || configurationName || !target || target.defaultConfiguration) return undefined;
  const dropped = (target.metadata as { platforms?: { dropped?: Record<string, string> } } | undefined)?.platforms?.dropped;
  const why = dropped?.[platformString(host)];
  if (!why) return undefined;
  const offered = Object.keys(target.configurations ?? {});
  return `${what} ran with no configuration: the one asked for is none of its platforms (${offered.join(', ') || 'none'}), so nothing is built. On the host platform ${platformString(host)}: ${why}.${
    offered.length > 0 ? ` Run ${what}:${offered[0]} to build it.` : ''
  }`;
}

