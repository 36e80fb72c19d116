/** Runs go test for packages of one module, in the kube-build container (or with the host's go in host mode). */
import { ExecutorContext, logger } from '@nx/devkit';
import { hostPlatform } from '../../plugin/platforms';
import { sourceDateEpoch } from '../../plugin/vocabulary/version';
import { displayCommand, goContainerEnv, goContainerInput, goContainerName, hostUser } from '../shared/container/go-container';
import { hostGoEnv, runHostGo } from '../shared/container/go-host';
import { containerSpec } from '../shared/container/spec';
import { prepareEngine } from '../shared/image/prepare';
import { readVersionInfo } from '../shared/module/git-version';
import { ExecutorRun, runExecutor } from '../shared/nx/executor';
import { goTestArgs, NormalizedTestOptions, normalizeTestOptions } from './lib/command';
import type { GoTestExecutorOptions } from './types';

const log = (line: string): void => logger.info(line);

interface TestRun {
  o: NormalizedTestOptions;
  what: string;
  args: string[];
  env: Record<string, string>;
}

async function testOnHost(t: TestRun, run: ExecutorRun): Promise<number> {
  log(displayCommand(['go', ...t.args]));
  return runHostGo(t.args, {
    cwd: t.o.moduleDir,
    env: hostGoEnv({ ...t.env, GOOS: hostPlatform().os }, process.env),
    signal: run.signal,
  });
}

async function testInEngine(t: TestRun, workspaceRoot: string, project: string, run: ExecutorRun): Promise<number> {
  const { engine, image } = await prepareEngine(workspaceRoot, t.o, log, run.signal);
  run.checkInterrupted(t.what);
  const name = goContainerName(workspaceRoot, project, 'test');
  log(`${displayCommand(['go', ...t.args])}  (in ${image.tag}, container ${name})`);
  const spec = containerSpec(
    goContainerInput({
      name,
      image: image.tag,
      cmd: ['go', ...t.args],
      moduleDir: t.o.moduleDir,
      modulePath: t.o.modulePath,
      cacheVolume: t.o.cacheVolume,
      network: t.o.network,
      env: t.env,
      user: hostUser(),
      labels: { 'io.nx-kube-build.workspace': workspaceRoot },
    }),
  );
  return engine.runToCompletion(spec, { stdout: process.stdout, stderr: process.stderr, signal: run.signal });
}

export default async function goTestExecutor(
  options: GoTestExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  let what = `go test ${(options.packages ?? []).join(' ')}`.trim();
  return runExecutor(
    async (run) => {
      const o = normalizeTestOptions(options, context.root);
      what = `go test ${o.packages.join(' ')}`;
      const info = await readVersionInfo(context.root, process.env, { validate: false });
      // Tests run where they are built: linux on the engine's architecture.
      const platform = { os: 'linux', arch: hostPlatform().arch };
      const env = goContainerEnv({ platform, cgo: false, vendored: o.vendored, hostEnv: process.env, sourceDateEpoch: sourceDateEpoch(info) });
      const t: TestRun = { o, what, args: goTestArgs(o), env };
      const code = o.mode === 'host' ? await testOnHost(t, run) : await testInEngine(t, context.root, context.projectName ?? 'go', run);
      run.checkInterrupted(what);
      if (code !== 0) throw new Error(`${what} failed with exit code ${code}: the test output is above.`);
      return { success: true };
    },
    { interrupted: (sig) => `${what} was interrupted${sig ? ` by ${sig}` : ''}: the test container was removed.` },
  );
}
