import { ExecutorContext, logger } from '@nx/devkit';
import { connect } from '../shared/engine/docker';
import { ensureBuildImage, resolveBuildImage } from '../shared/image/build-image';
import { runExecutor } from '../shared/nx/executor';
import type { BuildImageExecutorOptions } from './types';

/** `engineOf` is the engine seam: specs pass a fake engine, Nx always gets the real one. */
export default async function buildImageExecutor(
  options: BuildImageExecutorOptions,
  context: ExecutorContext,
  engineOf: typeof connect = connect,
): Promise<{ success: boolean; tag?: string }> {
  return runExecutor(
    async (run) => {
      const engine = engineOf(process.env);
      await engine.ping();
      const resolved = await resolveBuildImage(context.root, options);
      const log = (line: string): void => logger.info(line);
      const image = await ensureBuildImage(engine, context.root, resolved, options.moduleRoot ?? '', log, run.signal);
      if (resolved.prebuilt) logger.info(`Using image ${image.tag}${image.goVersion ? ` (${image.goVersion})` : ''}`);
      return { success: true, tag: image.tag };
    },
    { interrupted: (sig) => (sig ? `Building the kube-build image was interrupted by ${sig}.` : 'Building the kube-build image was interrupted.') },
  );
}
