/**
 * Which binaries go into which tarball, and which builds that needs, as
 * kube::release::package_tarballs lays it out. Pure: no files, no processes.
 */
import {
  Platform,
  configurationName,
  hostPlatform,
  narrowPlatforms,
  parsePlatform,
  platformString,
  uniquePlatforms,
} from '../../../plugin/platforms';
import { binaryFileName, builtBinaryPath, imageArchivePath, imageTagFilePath } from '../../../plugin/vocabulary/layout';
import type { ReleaseGroup } from '../types';

export interface PlannedBinary {
  project: string;
  name: string;
  /** Workspace-relative path of the built binary. */
  source: string;
  /** Path inside the tarball. */
  entry: string;
}

/** One file of an image (`<binary>.tar` or `<binary>.docker_tag`) that goes into a server tarball. */
export interface PlannedImageFile {
  /** Nx project whose image target writes it. */
  project: string;
  /** Workspace-relative path the image target writes. */
  source: string;
  /** Path inside the tarball. */
  entry: string;
}

export interface PlannedTarball {
  /** File name, e.g. kubernetes-server-linux-amd64.tar.gz. */
  file: string;
  /** server, node, client, test, or the name of a custom group. */
  kind: string;
  platform: Platform;
  binaries: PlannedBinary[];
  /** Image archives and tag files next to the binaries (server tarballs only), sorted by entry. */
  images: PlannedImageFile[];
}

export interface PlannedBuild {
  platform: Platform;
  configuration: string;
  projects: string[];
}

export interface ReleasePlan {
  /** Platforms left after narrowing, in group order. */
  platforms: Platform[];
  /** Sorted by file name; only tarballs with at least one binary. */
  tarballs: PlannedTarball[];
  /** One per platform that has binaries, in `platforms` order. */
  builds: PlannedBuild[];
  /** One per platform whose server tarball ships images, in `platforms` order; runs after `builds`. */
  imageBuilds: PlannedBuild[];
  /** Things the plan left out on purpose, one sentence each, for the log. */
  notes: string[];
}

export interface PlanInput {
  name: string;
  moduleRoot: string;
  groups: Record<string, ReleaseGroup>;
  hostOnly: boolean;
  env: NodeJS.ProcessEnv;
  host?: Platform;
  /** Projects with an image target: their images go into the linux server tarballs (build/lib/release.sh). */
  images?: string[];
  /**
   * Workspace-relative path where a project's build target writes the binary
   * for a platform (its resolved `outputPath`); undefined falls back to the
   * output layout.
   */
  binarySource?: (project: string, p: Platform, name: string) => string | undefined;
}

interface PlannedGroup {
  group: string;
  binaries: ReleaseGroup['binaries'];
  platforms: Platform[];
}

/** The tarball a group's binaries land in; test-server shares the test tarball. */
export function tarballKind(group: string): string {
  return group === 'test-server' ? 'test' : group;
}

function groupRank(group: string): number {
  const order = ['server', 'node', 'client', 'test', 'test-server'];
  const i = order.indexOf(group);
  return i < 0 ? order.length : i;
}

export function tarballFileName(name: string, kind: string, p: Platform): string {
  return `${name}-${kind}-${p.os}-${p.arch}.tar.gz`;
}

function checkGroup(group: string, g: ReleaseGroup): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(group)) {
    throw new Error(`Release group "${group}" cannot name a tarball; use lower-case letters, digits and "-".`);
  }
  for (const b of g.binaries ?? []) {
    if (!b.project) {
      throw new Error(`A binary of release group "${group}" has no project; give each binary its Nx project name.`);
    }
    if (!b.name || b.name.includes('/') || b.name.includes('\\') || b.name === '.' || b.name === '..') {
      throw new Error(`Binary "${b.name}" of release group "${group}" is not a file name; give the bare binary name, e.g. kubelet.`);
    }
  }
}

function narrow(union: Platform[], input: PlanInput, host: Platform): Platform[] {
  if (union.length === 0) return union;
  if (input.hostOnly) {
    const out = union.filter((p) => platformString(p) === platformString(host));
    if (out.length === 0) {
      throw new Error(
        `hostOnly keeps only the host platform ${platformString(host)}, which no release group builds: they build ${union
          .map(platformString)
          .join(', ')}; run the full release instead.`,
      );
    }
    return out;
  }
  return narrowPlatforms(union, input.env, host, 'the release');
}

/** The non-empty groups in Kubernetes' order, each checked, with its platforms parsed. */
function plannedGroups(input: PlanInput): PlannedGroup[] {
  return Object.entries(input.groups)
    .filter(([group, g]) => {
      checkGroup(group, g);
      return (g.binaries ?? []).length > 0;
    })
    .sort(([a], [b]) => groupRank(a) - groupRank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]) => ({ group, binaries: g.binaries, platforms: uniquePlatforms((g.platforms ?? []).map(parsePlatform)) }));
}

const byEntry = (a: { entry: string }, b: { entry: string }) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0);

/** Tarballs by file name, filled group by group. */
class Tarballs {
  private readonly byFile = new Map<string, PlannedTarball>();

  constructor(private readonly input: PlanInput) {}

  add(kind: string, p: Platform, group: string, binaries: ReleaseGroup['binaries']): void {
    const file = tarballFileName(this.input.name, kind, p);
    let t = this.byFile.get(file);
    if (!t) {
      t = { file, kind, platform: p, binaries: [], images: [] };
      this.byFile.set(file, t);
    }
    for (const b of binaries) {
      if (b.platforms && !b.platforms.map((x) => platformString(parsePlatform(x))).includes(platformString(p))) continue;
      const entry = `${this.input.name}/${kind}/bin/${binaryFileName(b.name, p)}`;
      const same = t.binaries.find((x) => x.entry === entry);
      if (same) {
        if (same.project === b.project) continue;
        throw new Error(
          `Projects ${same.project} and ${b.project} both put ${binaryFileName(b.name, p)} into ${file} (group ${group}); rename one binary.`,
        );
      }
      const source = this.input.binarySource?.(b.project, p, b.name) ?? builtBinaryPath({}, this.input.moduleRoot, p, b.name).path;
      t.binaries.push({ project: b.project, name: b.name, source, entry });
    }
  }

  all(): PlannedTarball[] {
    return [...this.byFile.values()];
  }

  /** Those with a binary, binaries sorted by entry, tarballs by file name. */
  nonEmpty(): PlannedTarball[] {
    const out = this.all().filter((t) => t.binaries.length > 0);
    for (const t of out) t.binaries.sort(byEntry);
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
}

/** Each group's binaries into the tarballs of its kept platforms; notes for what is left out. */
function fillTarballs(groups: PlannedGroup[], platforms: Platform[], tarballs: Tarballs, notes: string[]): void {
  const kept = new Set(platforms.map(platformString));
  for (const g of groups) {
    const mine = g.platforms.filter((p) => kept.has(platformString(p)));
    if (mine.length === 0 && g.platforms.length > 0 && platforms.length > 0) {
      notes.push(`Group ${g.group} packages nothing: none of its platforms (${g.platforms.map(platformString).join(', ')}) is being released.`);
    }
    for (const p of mine) {
      if (g.group === 'server' && p.os !== 'linux') {
        notes.push(`Group server gets no tarball for ${platformString(p)}: only linux platforms have server tarballs.`);
        continue;
      }
      tarballs.add(tarballKind(g.group), p, g.group, g.binaries);
    }
  }
  // package_server_tarballs and package_node_tarballs ship the client binaries too, "useful debugging tools".
  const client = groups.find((g) => g.group === 'client');
  if (!client) return;
  for (const t of tarballs.all()) {
    if (t.kind !== 'server' && t.kind !== 'node') continue;
    if (client.platforms.some((p) => platformString(p) === platformString(t.platform))) {
      tarballs.add(t.kind, t.platform, 'client', client.binaries);
    }
  }
}

/** build/lib/release.sh: each linux server tarball carries the images of its binaries, <binary>.tar and .docker_tag. */
function attachImages(tarballs: PlannedTarball[], input: PlanInput, platforms: Platform[], notes: string[]): void {
  const imageProjects = new Set(input.images ?? []);
  const packaged = new Set<string>();
  for (const t of tarballs) {
    if (t.kind !== 'server' || t.platform.os !== 'linux') continue;
    for (const b of t.binaries) {
      if (!imageProjects.has(b.project)) continue;
      packaged.add(b.project);
      t.images.push(
        { project: b.project, source: imageArchivePath(input.moduleRoot, t.platform.arch, b.name), entry: `${b.entry}.tar` },
        { project: b.project, source: imageTagFilePath(input.moduleRoot, t.platform.arch, b.name), entry: `${b.entry}.docker_tag` },
      );
    }
    t.images.sort(byEntry);
  }
  if (!platforms.some((p) => p.os === 'linux')) return;
  for (const project of [...imageProjects].sort()) {
    if (!packaged.has(project)) notes.push(`The image of ${project} ships in no tarball: only binaries of linux server tarballs get their images packaged.`);
  }
}

/** One nested run per platform of the projects `pick` names in its tarballs; none for a platform without any. */
function runsPerPlatform(platforms: Platform[], tarballs: PlannedTarball[], pick: (t: PlannedTarball) => string[]): PlannedBuild[] {
  const out: PlannedBuild[] = [];
  for (const p of platforms) {
    const projects = new Set<string>();
    for (const t of tarballs) {
      if (platformString(t.platform) === platformString(p)) for (const project of pick(t)) projects.add(project);
    }
    if (projects.size > 0) out.push({ platform: p, configuration: configurationName(p), projects: [...projects].sort() });
  }
  return out;
}

export function planRelease(input: PlanInput): ReleasePlan {
  const groups = plannedGroups(input);
  const platforms = narrow(uniquePlatforms(groups.flatMap((g) => g.platforms)), input, input.host ?? hostPlatform());
  const notes: string[] = [];
  const filling = new Tarballs(input);
  fillTarballs(groups, platforms, filling, notes);
  const tarballs = filling.nonEmpty();
  attachImages(tarballs, input, platforms, notes);
  return {
    platforms,
    tarballs,
    builds: runsPerPlatform(platforms, tarballs, (t) => t.binaries.map((b) => b.project)),
    imageBuilds: runsPerPlatform(platforms, tarballs, (t) => t.images.map((f) => f.project)),
    notes: [...new Set(notes)],
  };
}
