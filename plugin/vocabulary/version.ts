/**
 * The version facts and their stamp specs, as hack/lib/version.sh has them:
 * gitVersion and friends computed from git facts, rewritten to semver,
 * overridable by KUBE_GIT_* and SOURCE_DATE_EPOCH; the -X flags that stamp
 * them. Pure: reading git is the executors' job (executors/shared/module/git-version.ts).
 */
export interface VersionInfo {
  gitVersion?: string;
  /** The tag as git describe prints it, unrewritten, `-dirty` when dirty. */
  version?: string;
  gitCommit?: string;
  /** The first SHORT_COMMIT_LENGTH characters of gitCommit. */
  gitCommitShort?: string;
  gitTreeState?: string;
  gitMajor?: string;
  gitMinor?: string;
  /** YYYY-MM-DDTHH:MM:SSZ, UTC. */
  buildDate: string;
  /** Seconds since the epoch that buildDate shows. */
  epoch: number;
}

/** The raw facts read from git; undefined where git could not tell. */
export interface GitFacts {
  /** `git describe --tags --match='v*' --abbrev=14 HEAD^{commit}`. */
  describe?: string;
  /** `git rev-parse HEAD^{commit}`. */
  commit?: string;
  /** `git log -1 --format=%ct`. */
  commitTime?: number;
  /** `git status --porcelain` output; undefined when it failed. */
  status?: string;
}

/**
 * Prints the facts readVersionInfo reads, for an Nx runtime input: the cache key
 * changes exactly when the stamped values do. Tolerates a non-git folder.
 */
export const VERSION_RUNTIME_INPUT =
  "git describe --tags --match='v*' --abbrev=14 HEAD 2>/dev/null; git rev-parse HEAD 2>/dev/null; " +
  'git log -1 --format=%ct 2>/dev/null; test -n "$(git status --porcelain 2>/dev/null)" && echo dirty || echo clean; ' +
  // The facts a KUBE_GIT_VERSION_FILE sets replace git's: its content is part of the key.
  'test -z "$KUBE_GIT_VERSION_FILE" || cat "$KUBE_GIT_VERSION_FILE" 2>/dev/null || true';

const SEMVER = /^v([0-9]+)\.([0-9]+)(\.[0-9]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * `git describe` output → the semver version.sh produces:
 * v1.1.0-alpha.0-6-g84c76d1142ea4d → v1.1.0-alpha.0.6+84c76d1142ea4d,
 * v1.2.3-6-g84c76d1142ea4d → v1.2.3-6+84c76d1142ea4d; "-dirty" when dirty.
 */
export function rewriteGitVersion(describe: string, treeState: string | undefined): string {
  let v = describe;
  const dashes = (v.match(/-/g) ?? []).length;
  const pluses = (v.match(/\+/g) ?? []).length;
  if (dashes === 3) {
    v = v.replace(/-([0-9]+)-g([0-9a-f]{14})$/, '.$1+$2');
  } else if (dashes === 2 && pluses === 0) {
    v = v.replace(/-g([0-9a-f]{14})$/, '+$1');
  }
  if (treeState === 'dirty') v += '-dirty';
  return v;
}

/** gitMajor/gitMinor of a version; the minor gets "+" past an exact release. */
export function majorMinor(version: string): { gitMajor: string; gitMinor: string } | undefined {
  const m = /^v([0-9]+)\.([0-9]+)(\.[0-9]+)?([-].*)?([+].*)?$/.exec(version);
  if (!m) return undefined;
  return { gitMajor: m[1], gitMinor: m[4] ? `${m[2]}+` : m[2] };
}

/** UTC `YYYY-MM-DDTHH:MM:SSZ`, as `date -u +%Y-%m-%dT%H:%M:%SZ`. */
export function formatBuildDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseEpoch(value: string): number {
  if (!/^[0-9]+$/.test(value.trim())) {
    throw new Error(`SOURCE_DATE_EPOCH "${value}" is not a number of seconds since 1970: set it to e.g. $(git log -1 --format=%ct).`);
  }
  return Number(value.trim());
}

/** Stamp values from git facts and env overrides. Pure. */
export function computeVersionInfo(facts: GitFacts, env: NodeJS.ProcessEnv, opts: { validate?: boolean } = {}): VersionInfo {
  const info: Partial<VersionInfo> = {};
  const commit = env.KUBE_GIT_COMMIT || facts.commit;
  if (commit) {
    info.gitCommit = commit;
    info.gitTreeState =
      env.KUBE_GIT_TREE_STATE || (facts.status !== undefined && facts.status.trim() === '' ? 'clean' : 'dirty');
  }
  const described = env.KUBE_GIT_VERSION || facts.describe;
  if (described) {
    info.gitVersion = commit ? rewriteGitVersion(described, info.gitTreeState) : described;
  } else if (facts.commit) {
    // An untagged history still gets a version naming its commit.
    info.gitVersion = `v0.0.0-master+${facts.commit.slice(0, 14)}${info.gitTreeState === 'dirty' ? '-dirty' : ''}`;
  }
  if (info.gitVersion) {
    if (opts.validate !== false && !SEMVER.test(info.gitVersion)) {
      throw new Error(
        `The git version "${info.gitVersion}" is not a valid semantic version (https://semver.org): tag the commit like v1.2.3 or set KUBE_GIT_VERSION.`,
      );
    }
    const mm = majorMinor(info.gitVersion);
    if (mm) Object.assign(info, mm);
  }
  const version = env.KUBE_GIT_VERSION || described || facts.commit?.slice(0, 14);
  if (version) info.version = env.KUBE_GIT_VERSION ? version : `${version}${info.gitTreeState === 'dirty' ? '-dirty' : ''}`;
  if (commit) info.gitCommitShort = commit.slice(0, SHORT_COMMIT_LENGTH);
  if (env.KUBE_GIT_MAJOR) info.gitMajor = env.KUBE_GIT_MAJOR;
  if (env.KUBE_GIT_MINOR) info.gitMinor = env.KUBE_GIT_MINOR;
  const epoch = env.SOURCE_DATE_EPOCH ? parseEpoch(env.SOURCE_DATE_EPOCH) : (facts.commitTime ?? 0);
  return { ...info, epoch, buildDate: formatBuildDate(epoch) };
}

/** SOURCE_DATE_EPOCH for the build container: the instant buildDate shows. */
export function sourceDateEpoch(info: VersionInfo): string {
  return String(info.epoch);
}

/**
 * Characters of gitCommitShort: `git rev-parse --short=12`, which git's own
 * auto length reaches only in trees the size of Linux, so the value is the
 * same on every clone.
 */
export const SHORT_COMMIT_LENGTH = 12;

/** The variables hack/lib/version.sh stamps: what an import path alone in versionPackages sets. */
export const VERSION_KEYS = ['gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'gitMajor', 'gitMinor'] as const;
export type VersionKey = (typeof VERSION_KEYS)[number];

/** Every kind of value a variable can be stamped with, in the order the -X flags come. */
export const STAMP_KINDS = [...VERSION_KEYS, 'version', 'gitCommitShort', 'buildDateUnix'] as const;
export type StampKind = (typeof STAMP_KINDS)[number];

/**
 * A package to stamp: an import path whose variables carry Kubernetes' names,
 * or a package with its own spellings (`{"package": "example.com/x/version",
 * "vars": {"gitVersion": "Version", "gitCommit": "Commit"}}`): only the listed
 * variables are set, since -X on a name that is not a string variable fails to link.
 */
export type VersionPackageSpec = string | { package: string; vars?: Partial<Record<StampKind, string>> };

export function versionPackagePath(spec: VersionPackageSpec): string {
  return typeof spec === 'string' ? spec : spec.package;
}

function versionVars(spec: VersionPackageSpec): Partial<Record<StampKind, string>> {
  if (typeof spec !== 'string' && spec.vars) return spec.vars;
  return Object.fromEntries(VERSION_KEYS.map((k) => [k, k]));
}

/** Each kind's value, in version.sh's order and then the newer kinds'; undefined where git could not tell. */
function stampValues(info: VersionInfo): [StampKind, string | undefined][] {
  const values: [StampKind, string | undefined][] = [['buildDate', info.buildDate]];
  if (info.gitCommit) values.push(['gitCommit', info.gitCommit], ['gitTreeState', info.gitTreeState]);
  if (info.gitVersion) values.push(['gitVersion', info.gitVersion]);
  if (info.gitMajor && info.gitMinor) values.push(['gitMajor', info.gitMajor], ['gitMinor', info.gitMinor]);
  values.push(['version', info.version], ['gitCommitShort', info.gitCommitShort], ['buildDateUnix', String(info.epoch)]);
  return values;
}

/** `-X 'pkg.name=value'` for every known field and package, as version.sh prints them. */
export function versionLdflags(info: VersionInfo, packages: VersionPackageSpec[]): string[] {
  const out: string[] = [];
  for (const [key, value] of stampValues(info)) {
    if (value === undefined) continue;
    for (const pkg of packages) {
      const name = versionVars(pkg)[key];
      if (name) out.push(`-X '${versionPackagePath(pkg)}.${name}=${value}'`);
    }
  }
  return out;
}

/** True when a spec stamps one of the kinds gitVersion's semver feeds (a tag must then be semver). */
export function stampsSemver(packages: VersionPackageSpec[]): boolean {
  const semverKinds: StampKind[] = ['gitVersion', 'gitMajor', 'gitMinor'];
  return packages.some((p) => semverKinds.some((k) => versionVars(p)[k] !== undefined));
}

const GO_IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** Checks the versionPackages option: an import path, or {package, vars} mapping known kinds to Go identifiers. */
export function checkVersionPackages(packages: unknown): VersionPackageSpec[] {
  if (packages === undefined) return [];
  if (!Array.isArray(packages)) {
    throw new Error(`versionPackages ${JSON.stringify(packages)} is not a list: write ["<import path>", {"package": "<import path>", "vars": {"<kind>": "<variable>"}}].`);
  }
  for (const p of packages) {
    if (typeof p === 'string' && p !== '') continue;
    const pkg = (p as { package?: unknown })?.package;
    if (typeof p !== 'object' || p === null || typeof pkg !== 'string' || pkg === '') {
      throw new Error(`versionPackages entry ${JSON.stringify(p)} names no package: write an import path or {"package": "<import path>", "vars": {...}}.`);
    }
    for (const [kind, name] of Object.entries((p as { vars?: object }).vars ?? {})) {
      if (!(STAMP_KINDS as readonly string[]).includes(kind)) {
        throw new Error(`versionPackages entry "${pkg}" maps unknown kind "${kind}": the keys of "vars" are kinds, one of ${STAMP_KINDS.join(', ')}; the values are variable names.`);
      }
      if (typeof name !== 'string' || !GO_IDENT.test(name)) {
        throw new Error(`versionPackages entry "${pkg}" maps ${kind} to ${JSON.stringify(name)}, which is no Go variable name: write the name of a string variable declared in that package.`);
      }
    }
  }
  return packages as VersionPackageSpec[];
}
