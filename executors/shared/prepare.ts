/** What every containerized Go task does first: engine up, image ready, cache volume there. */
import { EnsuredImage, Log, ensureBuildImage, resolveBuildImage } from './build-image';
import { DockerEngine, connect } from './docker';

export interface PreparedEngine {
  engine: DockerEngine;
  image: EnsuredImage;
}

export async function prepareEngine(
  workspaceRoot: string,
  opts: { moduleRoot: string; dockerfile?: string; image?: string; cacheVolume: string },
  log: Log,
  signal?: AbortSignal,
): Promise<PreparedEngine> {
  const engine = connect(process.env);
  await engine.ping();
  const resolved = await resolveBuildImage(workspaceRoot, {
    moduleRoot: opts.moduleRoot,
    dockerfile: opts.dockerfile,
    image: opts.image,
  });
  const image = await ensureBuildImage(engine, workspaceRoot, resolved, opts.moduleRoot, log, signal);
  await engine.ensureVolume(opts.cacheVolume);
  return { engine, image };
}
