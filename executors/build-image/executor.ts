import { ExecutorContext, logger } from '@nx/devkit';
import { ensureBuildImage, resolveBuildImage } from '../shared/image/build-image';
import { connect } from '../shared/engine/docker';
import { trapSignals } from '../shared/nx/signals';
import type { BuildImageExecutorOptions } from './types';

export default async function buildImageExecutor(
  options: BuildImageExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean; tag?: string }> {
  const trap = trapSignals();
  try {
    const engine = connect(process.env);
    await engine.ping();
    const resolved = await resolveBuildImage(context.root, options);
    const log = (line: string): void => logger.info(line);
    const image = await ensureBuildImage(engine, context.root, resolved, options.moduleRoot ?? '', log, trap.signal);
    if (resolved.prebuilt) logger.info(`Using image ${image.tag}${image.goVersion ? ` (${image.goVersion})` : ''}`);
    return { success: true, tag: image.tag };
  } catch (e) {
    const sig = trap.received();
    logger.error(sig ? `Building the kube-build image was interrupted by ${sig}.` : (e as Error).message);
    return { success: false };
  } finally {
    trap.release();
  }
}
