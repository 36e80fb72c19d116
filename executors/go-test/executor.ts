import { ExecutorContext, logger } from '@nx/devkit';
import { hostPlatform } from '../../plugin/platforms';
import { containerSpec } from '../shared/container/spec';
import { InterruptedError } from '../shared/nx/signals';
import { displayCommand, goContainerEnv, goContainerInput, goContainerName, hostUser } from '../shared/container/go-container';
import { hostGoEnv, runHostGo } from '../shared/container/go-host';
import { prepareEngine } from '../shared/image/prepare';
import { trapSignals } from '../shared/nx/signals';
import { readVersionInfo } from '../shared/module/git-version';
import { sourceDateEpoch } from '../../plugin/vocabulary/version';
import { goTestArgs, normalizeTestOptions } from './lib/command';
import type { GoTestExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);

export default async function goTestExecutor(
  options: GoTestExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const trap = trapSignals();
  let what = `go test ${(options.packages ?? []).join(' ')}`.trim();
  try {
    const o = normalizeTestOptions(options, context.root);
    what = `go test ${o.packages.join(' ')}`;
    const info = await readVersionInfo(context.root, process.env, { validate: false });
    // Tests run where they are built: linux on the engine's architecture.
    const platform = { os: 'linux', arch: hostPlatform().arch };
    const goEnv = goContainerEnv({
      platform,
      cgo: false,
      vendored: o.vendored,
      hostEnv: process.env,
      sourceDateEpoch: sourceDateEpoch(info),
    });
    const args = goTestArgs(o);
    let code: number;
    if (o.mode === 'host') {
      log(displayCommand(['go', ...args]));
      code = await runHostGo(args, {
        cwd: o.moduleDir,
        env: hostGoEnv({ ...goEnv, GOOS: hostPlatform().os }, process.env),
        signal: trap.signal,
      });
    } else {
      const { engine, image } = await prepareEngine(context.root, o, log, trap.signal);
      if (trap.received()) throw new InterruptedError(what);
      const name = goContainerName(context.root, context.projectName ?? 'go', 'test');
      log(`${displayCommand(['go', ...args])}  (in ${image.tag}, container ${name})`);
      const spec = containerSpec(
        goContainerInput({
          name,
          image: image.tag,
          cmd: ['go', ...args],
          moduleDir: o.moduleDir,
          modulePath: o.modulePath,
          cacheVolume: o.cacheVolume,
          network: o.network,
          env: goEnv,
          user: hostUser(),
          labels: { 'io.nx-kube-build.workspace': context.root },
        }),
      );
      code = await engine.runToCompletion(spec, { stdout: process.stdout, stderr: process.stderr, signal: trap.signal });
    }
    if (trap.received()) throw new InterruptedError(what);
    if (code !== 0) {
      logger.error(`${what} failed with exit code ${code}: the test output is above.`);
      return { success: false };
    }
    return { success: true };
  } catch (e) {
    const sig = trap.received();
    if (sig || e instanceof InterruptedError) {
      logger.error(`${what} was interrupted${sig ? ` by ${sig}` : ''}: the test container was removed.`);
    } else {
      logger.error((e as Error).message);
    }
    return { success: false };
  } finally {
    trap.release();
  }
}
