/**
 * Runs a code generator in the kube-build container (make generated_files),
 * as its steps: options → an engine lease → sources mounted (never copied:
 * the generator writes into the checkout) → modules → output dirs in place →
 * run → the exit code judged.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { hostPlatform } from '../../plugin/platforms';
import { sourceDateEpoch } from '../../plugin/vocabulary/version';
import { reapOrphans, reapedLine } from '../shared/cleanup/orphans';
import { displayCommand, hostUser } from '../shared/container/go-container';
import { containerSpec } from '../shared/container/spec';
import { copiesSources } from '../shared/engine/engines';
import { PreparedEngine, prepareEngine } from '../shared/image/prepare';
import { placeModules } from '../shared/modcache/fill';
import { readVersionInfo } from '../shared/module/git-version';
import { ExecutorRun, runExecutor } from '../shared/nx/executor';
import { currentOwner } from '../shared/nx/owner';
import { NormalizedGenerateOptions, normalizeGenerateOptions } from './lib/options';
import { generateContainer } from './lib/plan';
import type { GoGenerateExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);

/** The engine, with the kube-build image ready; one that cannot bind-mount the checkout is an error. */
async function lease(o: NormalizedGenerateOptions, run: ExecutorRun, prepare: typeof prepareEngine): Promise<PreparedEngine> {
  const leased = await prepare(o.workspaceRoot, o, log, run.signal);
  run.onRelease(leased.release);
  if (copiesSources(o.sync, leased.engine.url)) {
    throw new Error(
      `go-generate writes into the checkout, which the engine at ${leased.engine.url} cannot mount (sync ${o.sync}): run the generate target on a local Docker Engine (unset DOCKER_HOST) and build remotely after it.`,
    );
  }
  return leased;
}

async function generate(o: NormalizedGenerateOptions, context: ExecutorContext, run: ExecutorRun, prepare: typeof prepareEngine): Promise<number> {
  const version = await readVersionInfo(o.workspaceRoot, process.env, { validate: false });
  const leased = await lease(o, run, prepare);
  const reaped = reapedLine(await reapOrphans(leased.engine, o.workspaceRoot));
  if (reaped) log(reaped);
  const modCache = await placeModules(o, leased, undefined, run, log);
  run.checkInterrupted(`go-generate ${o.command.join(' ')}`);
  // Bind mounts need their source, and the mount point cannot be made inside the read-only module.
  for (const dir of o.outputs) fs.mkdirSync(path.join(o.moduleDir, dir), { recursive: true });
  const container = generateContainer(o, {
    project: context.projectName ?? 'go',
    target: context.targetName ?? 'generate',
    nonce: crypto.randomBytes(6).toString('hex'),
    owner: currentOwner(),
    image: leased.image.tag,
    user: hostUser(),
    host: hostPlatform(),
    hostEnv: process.env,
    sourceDateEpoch: sourceDateEpoch(version),
    modCache,
  });
  log(`${displayCommand(o.command)}  (in ${container.image}, container ${container.name}, writable: ${o.outputs.join(', ')})`);
  return leased.engine.runToCompletion(containerSpec(container), { stdout: process.stdout, stderr: process.stderr, signal: run.signal });
}

/** `prepare` is the engine seam: specs pass a fake engine, Nx always gets the real one. */
export default async function goGenerateExecutor(
  options: GoGenerateExecutorOptions,
  context: ExecutorContext,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<{ success: boolean }> {
  let what = 'go-generate';
  return runExecutor(
    async (run) => {
      const o = normalizeGenerateOptions(options, context.root);
      what = `go-generate ${o.command.join(' ')}`;
      const code = await generate(o, context, run, prepare);
      run.checkInterrupted(what);
      if (code !== 0) {
        throw new Error(
          `${what} failed with exit code ${code}: its output is above; it may write only ${o.outputs.join(', ')} of ${o.moduleRoot || '.'} (the rest is read-only), so a "read-only file system" error means a dir missing from generate.outputs.`,
        );
      }
      return { success: true };
    },
    { interrupted: (sig) => `${what} was interrupted${sig ? ` by ${sig}` : ''}: the generator's container was removed.` },
  );
}
