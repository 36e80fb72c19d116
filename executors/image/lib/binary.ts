/** The binary an image holds, from its cached build task through a nested nx. */
import { platformString } from '../../../plugin/platforms';
import { buildRunManyArgs } from '../../shared/nx/nx-run';
import { checkNotAborted, ImageDeps } from './deps';
import type { ImageStart } from './start';

export async function buildBinary(
  { s }: Pick<ImageStart, 's'>,
  project: string,
  workspaceRoot: string,
  deps: Pick<ImageDeps, 'runNx' | 'signal'>,
): Promise<void> {
  const args = buildRunManyArgs({ target: s.buildTarget, projects: [project], configuration: s.configuration });
  const code = await deps.runNx(workspaceRoot, args);
  if (code !== 0) {
    throw new Error(
      `Building ${s.binary} for ${platformString(s.platform)} failed (nx ${args.join(' ')} exited with ${code}); fix the build and run the image target again.`,
    );
  }
  checkNotAborted(deps.signal, s.binary);
}

/**
 * The env of the nested build. Nx hands `--skip-nx-cache` of the image task to
 * it as NX_SKIP_NX_CACHE; remaking an image never rebuilds its binary, so the
 * build stays a cached task.
 */
export function nestedBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.NX_SKIP_NX_CACHE;
  return out;
}
