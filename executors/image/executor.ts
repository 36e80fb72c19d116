/**
 * build/lib/release.sh's image step for one binary and platform, as its steps:
 * options → the settings, paths and version → the engine → the binary from
 * its cached build task → one layer at /usr/local/bin on scratch or a base
 * image, a deterministic docker-archive and .docker_tag in
 * _output/release-images/<arch> → loaded into the engine as
 * <registry>/<binary>-<arch>:<version>, optionally pushed.
 */
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { connect } from '../shared/engine/docker';
import { toPosixRel } from '../shared/module/paths';
import { readVersionInfo } from '../shared/module/git-version';
import { runExecutor } from '../shared/nx/executor';
import { runNx } from '../shared/nx/nx-run';
import { buildOutputOf } from '../shared/nx/build-output';
import { buildBinary, nestedBuildEnv } from './lib/binary';
import { checkNotAborted, ImageDeps } from './lib/deps';
import { loadImage, pushImage } from './lib/publish';
import { startImage } from './lib/start';
import { writeImage } from './lib/write';
import type { ImageExecutorOptions } from './types';

export interface ImageOutcome {
  /** `<registry>/<binary>-<arch>:<tag>`. */
  ref: string;
  /** `sha256:` of the config: the same for the same binary and version on any machine. */
  imageId: string;
  /** The ID the engine reports for the loaded tag. */
  engineId: string;
  /** Workspace-relative archive and tag file. */
  archive: string;
  tagFile: string;
  /** Manifest digest the registry reported, when pushed. */
  digest?: string;
}

export async function runImage(
  options: ImageExecutorOptions,
  project: string,
  workspaceRoot: string,
  deps: ImageDeps,
): Promise<ImageOutcome> {
  const start = await startImage(options, project, workspaceRoot, deps);
  const engine = deps.engine();
  await engine.ping();
  await buildBinary(start, project, workspaceRoot, deps);
  const imageId = await writeImage(start, workspaceRoot, engine, deps.signal);
  checkNotAborted(deps.signal, start.s.binary);
  const engineId = await loadImage(start, workspaceRoot, engine, deps);
  const digest = start.s.push ? await pushImage(start, engine, deps) : undefined;
  return {
    ref: start.name.ref,
    imageId,
    engineId,
    archive: toPosixRel(workspaceRoot, start.archive),
    tagFile: toPosixRel(workspaceRoot, start.tagFile),
    ...(digest ? { digest } : {}),
  };
}

export default async function imageExecutor(
  options: ImageExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean; ref?: string; imageId?: string }> {
  const project = context.projectName;
  if (!project) {
    logger.error('The image executor needs a project; run it as <binary>:image:<os>-<arch>.');
    return { success: false };
  }
  return runExecutor(
    async (run) => {
      const outcome = await runImage(options, project, context.root, {
        runNx: (root, args) => runNx(root, args, { env: nestedBuildEnv(process.env) }),
        readVersionInfo,
        engine: () => connect(process.env),
        env: process.env,
        log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
        signal: run.signal,
        buildOutput: buildOutputOf(context),
      });
      return { success: true, ref: outcome.ref, imageId: outcome.imageId };
    },
    { interrupted: (sig) => (sig ? `Building the image was interrupted by ${sig}.` : 'Building the image was interrupted.') },
  );
}
