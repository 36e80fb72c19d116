import { Platform, hostPlatform, parsePlatform, uniquePlatforms } from './platforms';

/** A target group as in hack/lib/golang.sh: who is in it and where it ships. */
export interface GroupConfig {
  /** Binary names (kubelet) or module-relative dirs (cmd/kubelet, staging/src/k8s.io/kube-aggregator). */
  targets?: string[];
  platforms?: string[];
}

const SERVER = ['linux/amd64', 'linux/arm64', 'linux/s390x', 'linux/ppc64le'];
const DARWIN = ['darwin/amd64', 'darwin/arm64'];

/** KUBE_SUPPORTED_*_PLATFORMS from hack/lib/golang.sh. */
export const DEFAULT_GROUP_PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  server: SERVER,
  node: [...SERVER, 'windows/amd64'],
  client: [
    'linux/amd64',
    'linux/386',
    'linux/arm',
    'linux/arm64',
    'linux/s390x',
    'linux/ppc64le',
    ...DARWIN,
    'windows/amd64',
    'windows/386',
    'windows/arm64',
  ],
  test: [...SERVER, ...DARWIN, 'windows/amd64', 'windows/arm64'],
  'test-server': SERVER,
};

/** The order release tooling walks groups in. */
export const GROUP_ORDER = ['server', 'node', 'client', 'test', 'test-server'];

export interface ResolvedGroup {
  name: string;
  platforms: Platform[];
  /** As written in options, matched against binary names and dirs. */
  targets: string[];
}

/** Resolves group options against the defaults; a group without platforms gets golang.sh's list. */
export function resolveGroups(groups: Record<string, GroupConfig> | undefined): ResolvedGroup[] {
  const out: ResolvedGroup[] = [];
  for (const [name, cfg] of Object.entries(groups ?? {})) {
    const listed = cfg.platforms ?? DEFAULT_GROUP_PLATFORMS[name];
    if (!listed) {
      throw new Error(
        `Group "${name}" has no platforms: give it "platforms" (e.g. ["linux/amd64"]) or use one of the groups ${Object.keys(DEFAULT_GROUP_PLATFORMS).join(', ')}.`,
      );
    }
    out.push({ name, platforms: uniquePlatforms(listed.map(parsePlatform)), targets: cfg.targets ?? [] });
  }
  return out.sort((a, b) => groupRank(a.name) - groupRank(b.name) || a.name.localeCompare(b.name));
}

function groupRank(name: string): number {
  const i = GROUP_ORDER.indexOf(name);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** Groups a binary belongs to, matched by name or by dir (module-relative, or any spelling of it). */
export function groupsOf(groups: ResolvedGroup[], binaryName: string, dirs: string | string[]): ResolvedGroup[] {
  const spellings = typeof dirs === 'string' ? [dirs] : dirs;
  return groups.filter((g) =>
    g.targets.some((t) => t === binaryName || spellings.includes(t.replace(/^\.\//, '').replace(/\/$/, ''))),
  );
}

/**
 * Platforms of a binary: the union of its groups' lists (group order), or the
 * host platform plus defaultPlatforms when it is in no group.
 */
export function platformsOf(
  memberOf: ResolvedGroup[],
  defaultPlatforms: string[],
  host: Platform = hostPlatform(),
): Platform[] {
  if (memberOf.length > 0) return uniquePlatforms(memberOf.flatMap((g) => g.platforms));
  return uniquePlatforms([host, ...defaultPlatforms.map(parsePlatform)]);
}
