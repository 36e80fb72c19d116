/**
 * Builds one Go binary for one platform, as its steps: options → a pure build
 * plan → an engine lease → sources in place → run → publish the binary.
 */
import { ExecutorContext, logger } from '@nx/devkit';
import * as fs from 'fs';
import { hostPlatform, platformString } from '../../plugin/platforms';
import { hostUser } from '../shared/container/go-container';
import { prepareEngine } from '../shared/image/prepare';
import { modCacheVolumeOf } from '../shared/modcache/fill';
import { contextNeedsModCache } from '../shared/module/go-mod';
import { toPosixRel } from '../shared/module/paths';
import { readVersionInfo } from '../shared/module/git-version';
import { stampsSemver } from '../../plugin/vocabulary/version';
import { ExecutorRun, runExecutor } from '../shared/nx/executor';
import { currentOwner } from '../shared/nx/owner';
import { trackScratch } from '../shared/cleanup/scratch';
import { readyEngine } from './lib/lease';
import { buildOptionsOf, NormalizedBuildOptions, targetOf } from './lib/options';
import { nothingToBuild } from './lib/platform-check';
import { BuildPlan, containerBuild, partialBinary, planTask } from './lib/plan';
import { publishBinary } from './lib/publish';
import { OutputTail, runInEngine, runOnHost } from './lib/run';
import { cgoHint } from './lib/cgo-hint';
import { permissionHint } from './lib/permission-hint';
import type { GoBuildExecutorOptions } from './types';

const log = { info: (line: string): void => logger.info(line), warn: (line: string): void => logger.warn(line) };

/** Runs the plan where the options say and returns go's exit code; `tail` keeps the end of go's output. */
async function build(o: NormalizedBuildOptions, plan: BuildPlan, run: ExecutorRun, tail: OutputTail, prepare: typeof prepareEngine): Promise<number> {
  if (o.mode === 'host') return runOnHost(o, plan, run, log.info, tail);
  const { lease, sources, modules } = await readyEngine(o, run, log, prepare, plan.what);
  return runInEngine(lease.engine, plan, containerBuild(plan, o, lease.image.tag, sources, modules), run, log.info, tail);
}

/** Why go failed, when the failure is one the options explain: cgo, or a mount this uid may not use. */
function failureHint(o: NormalizedBuildOptions, plan: BuildPlan, output: string): string | undefined {
  const cgo = cgoHint(output, o);
  if (cgo || o.mode === 'host') return cgo;
  const modCache = !o.vendored && contextNeedsModCache(o.workspaceRoot, o.moduleDir);
  return permissionHint(output, {
    user: plan.container.user,
    cacheVolume: o.cacheVolume,
    modCacheVolume: modCache ? modCacheVolumeOf(o.moduleDir) : undefined,
    outputDir: toPosixRel(o.workspaceRoot, plan.output.dir),
    outputOwner: fs.existsSync(plan.output.dir) ? fs.statSync(plan.output.dir).uid : undefined,
  });
}

/** `prepare` is the engine seam: specs pass a fake engine, Nx always gets the real one. */
export default async function goBuildExecutor(
  options: GoBuildExecutorOptions,
  context: ExecutorContext,
  prepare: typeof prepareEngine = prepareEngine,
): Promise<{ success: boolean }> {
  let what = `go build ${options.main}`;
  return runExecutor(
    async (run) => {
      const skip = nothingToBuild(options.platform, context.configurationName, targetOf(context), hostPlatform(), context.projectName ?? options.main);
      if (skip) {
        log.info(skip);
        return { success: true };
      }
      const o = buildOptionsOf(options, context);
      what = `${o.testBinary ? 'go test -c' : 'go build'} ${o.main} for ${platformString(o.platform)}`;
      const version = await readVersionInfo(context.root, process.env, { validate: stampsSemver(o.versionPackages) });
      const plan = planTask(o, version, context, currentOwner(), hostUser());
      run.onRelease(trackScratch(context.root, [partialBinary(plan)]).release);
      const tail = new OutputTail();
      const code = await build(o, plan, run, tail, prepare);
      run.checkInterrupted(what);
      const hint = code === 0 ? undefined : failureHint(o, plan, tail.toString());
      log.info(`Built ${publishBinary(plan, code, context.root, o.main, hint)}`);
      return { success: true };
    },
    {
      interrupted: (sig) =>
        `${what} was interrupted${sig ? ` by ${sig}` : ''}: the build container and the partial binary were removed.`,
    },
  );
}
