/**
 * What one group of a batch runs: one `go build -o <dir>/ <main>...` writing
 * every binary into a scratch dir, each renamed into its task's path after.
 * Pure.
 */
import * as path from 'path';
import { platformString } from '../../../plugin/platforms';
import {
  CONTAINER_OUTPUT_DIR,
  OUTPUT_MOUNT,
  displayCommand,
  goContainerInput,
  goContainerName,
  ModCache,
} from '../../shared/container/go-container';
import { batchLabels } from '../../shared/container/labels';
import type { Owner } from '../../shared/nx/owner';
import type { PlacedSources } from '../../shared/sync/place';
import { goBuildArgs } from './flags';
import { BatchMember, goExecName, mainImportPath } from './group';
import type { ContainerInput } from '../../shared/container/spec';

export interface BatchBuild {
  /** Each member and the file go writes its binary to, inside the scratch dir. */
  members: (BatchMember & { produced: string })[];
  /** `go build of 10 binaries for linux/amd64`, for messages. */
  what: string;
  /** Host dir go writes every binary into; removed when the group ends. */
  scratchDir: string;
  container: { name: string; user?: string; labels: Record<string, string> };
}

export interface BatchFacts {
  nonce: string;
  owner: Owner;
  /** Nx target name (labels the container). */
  target: string;
}

export function planBatch(members: BatchMember[], f: BatchFacts): BatchBuild {
  const { o, plan } = members[0];
  return {
    members: members.map((m) => ({ ...m, produced: goExecName(mainImportPath(m.o)!, m.o) })),
    what: `go build of ${members.length} binaries for ${platformString(o.platform)}`,
    scratchDir: path.join(o.moduleDir, '_output', `.batch.${f.nonce}.tmp`),
    container: {
      name: goContainerName(o.workspaceRoot, 'batch', o.platform.os, o.platform.arch, f.nonce),
      user: plan.container.user,
      labels: batchLabels(
        { workspaceRoot: o.workspaceRoot, project: 'batch', target: f.target, platform: platformString(o.platform) },
        members.map((m) => m.taskId),
        f.owner,
      ),
    },
  };
}

/** argv after `go`: the members' shared flags, `-o <dir>/`, then every main. */
export function batchArgs(b: BatchBuild, outputDir: string): string[] {
  const [first, ...rest] = b.members.map((m) => m.o.main);
  return [...goBuildArgs({ ...b.members[0].plan.flags, output: `${outputDir}/`, main: first }), ...rest];
}

/** Where a member's binary is when the group's container is done: in the scratch dir. */
export const producedPath = (b: BatchBuild, m: { produced: string }): string => path.join(b.scratchDir, m.produced);

/**
 * The group's container on an engine holding `image`: the scratch dir mounted
 * at /output, or, with sources in a volume, the binaries written to /tmp and
 * copied out one by one (`copyOut` lists them).
 */
export interface BatchContainer {
  spec: ContainerInput;
  /** The line logged before the run. */
  display: string;
  /** Files to copy out of the container before it is removed (sources in a volume). */
  copyOut?: { from: string; to: string }[];
}

export function batchContainer(b: BatchBuild, image: string, sources: PlacedSources, modCache?: ModCache): BatchContainer {
  const { o, plan } = b.members[0];
  const common = { ...b.container, image, moduleDir: o.moduleDir, modulePath: o.modulePath, cacheVolume: o.cacheVolume, modCache, network: o.network, env: plan.env };
  if (sources.kind === 'volume') {
    const cmd = ['go', ...batchArgs(b, CONTAINER_OUTPUT_DIR)];
    return {
      spec: goContainerInput({ ...common, sourceVolume: sources.volume, cmd }),
      display: `${displayCommand(cmd)}  (in ${image}, container ${b.container.name}, sources from volume ${sources.volume})`,
      copyOut: b.members.map((m) => ({ from: `${CONTAINER_OUTPUT_DIR}/${m.produced}`, to: producedPath(b, m) })),
    };
  }
  const cmd = ['go', ...batchArgs(b, OUTPUT_MOUNT)];
  return {
    spec: goContainerInput({ ...common, cmd, outputDir: b.scratchDir }),
    display: `${displayCommand(cmd)}  (in ${image}, container ${b.container.name})`,
  };
}
