/**
 * What one go-build does, decided before anything runs: platform, env, flags,
 * where the binary is written first and where it lands, the container's name
 * and labels; then, once the engine and the sources are known, the container
 * itself. Pure.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import { Platform, hostPlatform, platformString } from '../../../plugin/platforms';
import { cgoCompilerEnv } from '../../shared/image/cross-compilers';
import { sourceDateEpoch, VersionInfo, versionLdflags } from '../../../plugin/vocabulary/version';
import {
  CONTAINER_OUTPUT_DIR,
  OUTPUT_MOUNT,
  displayCommand,
  goContainerEnv,
  goContainerInput,
  goContainerName,
  ModCache,
} from '../../shared/container/go-container';
import type { ContainerInput } from '../../shared/container/spec';
import { taskLabels } from '../../shared/container/labels';
import type { Owner } from '../../shared/nx/owner';
import type { PlacedSources } from '../../shared/sync/place';
import { GoBuildFlagsInput, goBuildArgs } from './flags';
import type { NormalizedBuildOptions } from './options';

export interface BuildPlan {
  /** `go build <main> for <os>/<arch>` (`go test -c <main> ...` for a test binary), for messages. */
  what: string;
  platform: Platform;
  env: Record<string, string>;
  flags: GoBuildFlagsInput & { main: string };
  output: {
    /** Host dir of the binary. */
    dir: string;
    /** Name of the partial binary beside it, renamed into place once complete. */
    partialName: string;
    /** Where the binary lands. */
    binary: string;
  };
  container: { name: string; user?: string; labels: Record<string, string> };
}

export interface PlanFacts {
  version: VersionInfo;
  hostEnv: NodeJS.ProcessEnv;
  /** Nx project name (names the container). */
  project: string;
  /** Nx target name (labels the container). */
  target: string;
  /** Random part of the partial binary's and the container's names: two runs of one task never share either. */
  nonce: string;
  /** The process the container and the partial binary belong to. */
  owner: Owner;
  user?: string;
  /** Go arch of the build image (the host toolchain's): a cgo build for another one gets cross compilers. */
  nativeArch?: string;
}

/** The plan of one Nx task: its project and target name the container, a fresh nonce, this process the owner. */
export function planTask(o: NormalizedBuildOptions, version: VersionInfo, task: { projectName?: string; targetName?: string }, owner: Owner, user?: string): BuildPlan {
  return planBuild(o, {
    version,
    hostEnv: process.env,
    project: task.projectName ?? o.binaryName,
    target: task.targetName ?? 'build',
    nonce: crypto.randomBytes(6).toString('hex'),
    owner,
    user,
  });
}

export function planBuild(o: NormalizedBuildOptions, f: PlanFacts): BuildPlan {
  return {
    what: `${o.testBinary ? 'go test -c' : 'go build'} ${o.main} for ${platformString(o.platform)}`,
    platform: o.platform,
    env: goContainerEnv({
      platform: o.platform,
      cgo: o.cgo,
      compilers: cgoCompilerEnv(o.platform, f.nativeArch ?? hostPlatform().arch),
      vendored: o.vendored,
      hostEnv: f.hostEnv,
      sourceDateEpoch: sourceDateEpoch(f.version),
    }),
    flags: {
      testBinary: o.testBinary,
      debug: o.debug,
      trimpath: o.trimpath,
      tags: o.tags,
      goflags: o.goflags,
      ldflags: o.ldflags,
      gcflags: o.gcflags,
      stamps: versionLdflags(f.version, o.versionPackages),
      hostEnv: f.hostEnv,
      main: o.main,
    },
    output: { dir: path.dirname(o.outputPath), partialName: `.${o.fileName}.${f.nonce}.tmp`, binary: o.outputPath },
    container: {
      name: goContainerName(o.workspaceRoot, f.project, o.platform.os, o.platform.arch, f.nonce),
      user: f.user,
      labels: taskLabels(
        { workspaceRoot: o.workspaceRoot, project: f.project, target: f.target, platform: platformString(o.platform) },
        f.owner,
      ),
    },
  };
}

/** Host path of the partial binary. */
export const partialBinary = (plan: BuildPlan): string => path.join(plan.output.dir, plan.output.partialName);

export interface ContainerBuild {
  spec: ContainerInput;
  /** The line logged before the run. */
  display: string;
  /** Where the binary is inside the container, when it must be copied out (sources in a volume); else it is written through the mount. */
  copyOut?: string;
}

/** The container of a plan on an engine holding `image`, for sources placed as `sources`. */
export function containerBuild(
  plan: BuildPlan,
  o: NormalizedBuildOptions,
  image: string,
  sources: PlacedSources,
  modCache?: ModCache,
): ContainerBuild {
  const common = {
    ...plan.container,
    image,
    moduleDir: o.moduleDir,
    modulePath: o.modulePath,
    cacheVolume: o.cacheVolume,
    modCache,
    network: o.network,
    env: plan.env,
  };
  if (sources.kind === 'volume') {
    // The engine cannot see this machine: the binary comes back by the archive API.
    const inContainer = `${CONTAINER_OUTPUT_DIR}/${plan.output.partialName}`;
    const cmd = ['go', ...goBuildArgs({ ...plan.flags, output: inContainer })];
    return {
      spec: goContainerInput({ ...common, sourceVolume: sources.volume, cmd }),
      display: `${displayCommand(cmd)}  (in ${image}, container ${plan.container.name}, sources from volume ${sources.volume})`,
      copyOut: inContainer,
    };
  }
  const cmd = ['go', ...goBuildArgs({ ...plan.flags, output: `${OUTPUT_MOUNT}/${plan.output.partialName}` })];
  return {
    spec: goContainerInput({ ...common, cmd, outputDir: plan.output.dir }),
    display: `${displayCommand(cmd)}  (in ${image}, container ${plan.container.name})`,
  };
}

/** The go command of a host-mode build. */
export function hostBuildArgs(plan: BuildPlan): string[] {
  return goBuildArgs({ ...plan.flags, output: partialBinary(plan) });
}
