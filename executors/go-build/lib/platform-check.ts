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
