import { ExecutorContext, logger } from '@nx/devkit';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { platformString } from '../../plugin/platforms';
import { containerSpec } from '../shared/container/spec';
import { InterruptedError } from '../shared/nx/signals';
import { copiesSources, resolveEngineSpecs } from '../shared/engine/engines';
import {
  CONTAINER_OUTPUT_DIR,
  OUTPUT_MOUNT,
  displayCommand,
  goContainerEnv,
  goContainerInput,
  goContainerName,
  hostUser,
} from '../shared/container/go-container';
import { hostGoEnv, runHostGo } from '../shared/container/go-host';
import { toPosixRel } from '../shared/module/paths';
import { prepareEngine } from '../shared/image/prepare';
import { executorStateDir } from '../shared/nx/state-dir';
import { syncSources } from '../shared/sync/volume';
import { trapSignals } from '../shared/nx/signals';
import { readVersionInfo } from '../shared/module/git-version';
import { sourceDateEpoch, versionLdflags } from '../../plugin/vocabulary/version';
import { goBuildArgs } from './lib/flags';
import { NormalizedBuildOptions, normalizeBuildOptions } from './lib/options';
import { checkPlatformChoice } from './lib/platform-check';
import type { GoBuildExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);
const warn = (line: string): void => logger.warn(line);

export default async function goBuildExecutor(
  options: GoBuildExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const trap = trapSignals();
  let tmp: string | undefined;
  let release = (): void => undefined;
  let what = `go build ${options.main}`;
  try {
    const o = normalizeBuildOptions(options, context.root);
    what = `go build ${o.main} for ${platformString(o.platform)}`;
    const target = context.projectName && context.targetName
      ? context.projectsConfigurations?.projects[context.projectName]?.targets?.[context.targetName]
      : undefined;
    checkPlatformChoice({
      platform: o.platform,
      configurations: target?.configurations,
      configurationName: context.configurationName,
      what: `${context.projectName ?? o.binaryName}:${context.targetName ?? 'build'}`,
    });
    const info = await readVersionInfo(context.root, process.env, { validate: o.versionPackages.length > 0 });
    const goEnv = goContainerEnv({
      platform: o.platform,
      cgo: o.cgo,
      vendored: o.vendored,
      hostEnv: process.env,
      sourceDateEpoch: sourceDateEpoch(info),
    });
    const outDir = path.dirname(o.outputPath);
    const tmpName = `.${o.fileName}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    const flags = {
      debug: o.debug,
      trimpath: o.trimpath,
      tags: o.tags,
      goflags: o.goflags,
      ldflags: o.ldflags,
      gcflags: o.gcflags,
      stamps: versionLdflags(info, o.versionPackages),
      hostEnv: process.env,
      main: o.main,
    };

    let code: number;
    if (o.mode === 'host') {
      fs.mkdirSync(outDir, { recursive: true });
      tmp = path.join(outDir, tmpName);
      const args = goBuildArgs({ ...flags, output: tmp });
      log(displayCommand(['go', ...args]));
      code = await runHostGo(args, { cwd: o.moduleDir, env: hostGoEnv(goEnv, process.env), signal: trap.signal });
    } else {
      const engines = resolveEngineSpecs(o.engines, process.env);
      const prepared = await prepareEngine(context.root, { ...o, engines }, log, trap.signal, warn);
      const { engine, image } = prepared;
      release = prepared.release;
      if (trap.received()) throw new InterruptedError(what);
      fs.mkdirSync(outDir, { recursive: true });
      tmp = path.join(outDir, tmpName);
      const name = goContainerName(context.root, context.projectName ?? o.binaryName, o.platform.os, o.platform.arch);
      const parts = containerParts(o, name, image.tag);
      const io = { stdout: process.stdout, stderr: process.stderr, signal: trap.signal };
      if (copiesSources(o.sync, engine.url)) {
        // The engine cannot see this machine: sources go into a volume, the binary comes back by the archive API.
        const { volume } = await syncSources({
          engine,
          workspaceRoot: context.root,
          moduleRoot: o.moduleRoot,
          moduleDir: o.moduleDir,
          image: image.tag,
          stateDir: executorStateDir(context.root),
          log,
        });
        if (trap.received()) throw new InterruptedError(what);
        const inContainer = `${CONTAINER_OUTPUT_DIR}/${tmpName}`;
        const args = goBuildArgs({ ...flags, output: inContainer });
        log(`${displayCommand(['go', ...args])}  (in ${image.tag}, container ${name}, sources from volume ${volume})`);
        const spec = containerSpec(goContainerInput({ ...parts, sourceVolume: volume, cmd: ['go', ...args], env: goEnv }));
        const out = tmp;
        code = await engine.runToCompletion(spec, {
          ...io,
          beforeRemove: async (exit) => {
            if (exit === 0) await engine.copyFileOut(name, inContainer, out);
          },
        });
      } else {
        const args = goBuildArgs({ ...flags, output: `${OUTPUT_MOUNT}/${tmpName}` });
        log(`${displayCommand(['go', ...args])}  (in ${image.tag}, container ${name})`);
        const spec = containerSpec(goContainerInput({ ...parts, cmd: ['go', ...args], env: goEnv, outputDir: outDir }));
        code = await engine.runToCompletion(spec, io);
      }
    }
    if (trap.received()) throw new InterruptedError(what);
    if (code !== 0) {
      logger.error(`${what} failed with exit code ${code}: the compiler output is above; ${toPosixRel(context.root, o.outputPath)} was left as it was.`);
      return { success: false };
    }
    if (!fs.existsSync(tmp)) {
      logger.error(`${what} exited 0 but wrote no binary: check that ${o.main} is a main package.`);
      return { success: false };
    }
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, o.outputPath);
    tmp = undefined;
    log(`Built ${toPosixRel(context.root, o.outputPath)}`);
    return { success: true };
  } catch (e) {
    const sig = trap.received();
    if (sig || e instanceof InterruptedError) {
      logger.error(`${what} was interrupted${sig ? ` by ${sig}` : ''}: the build container and the partial binary were removed.`);
    } else {
      logger.error((e as Error).message);
    }
    return { success: false };
  } finally {
    if (tmp) fs.rmSync(tmp, { force: true });
    release();
    trap.release();
  }
}

function containerParts(o: NormalizedBuildOptions, name: string, image: string) {
  return {
    name,
    image,
    moduleDir: o.moduleDir,
    modulePath: o.modulePath,
    cacheVolume: o.cacheVolume,
    network: o.network,
    user: hostUser(),
    labels: { 'io.nx-kube-build.workspace': o.workspaceRoot },
  };
}
