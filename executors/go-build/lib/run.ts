/** Runs a planned build: in a container of the leased engine, or with the host's go (host mode). Returns go's exit code. */
import * as fs from 'fs';
import { Writable } from 'stream';
import { displayCommand } from '../../shared/container/go-container';
import { hostGoEnv, runHostGo } from '../../shared/container/go-host';
import { containerSpec } from '../../shared/container/spec';
import type { DockerEngine } from '../../shared/engine/docker';
import type { ExecutorRun } from '../../shared/nx/executor';
import type { NormalizedBuildOptions } from './options';
import { BuildPlan, ContainerBuild, hostBuildArgs, partialBinary } from './plan';

/** Passes output through to `target` and keeps its last 64 KiB, so a failure can be read after the run. */
export class OutputTail {
  private text = '';
  constructor(private readonly limit = 64 * 1024) {}
  through(target: NodeJS.WritableStream): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.text = (this.text + chunk.toString()).slice(-this.limit);
        target.write(chunk, () => cb());
      },
    });
  }
  toString(): string {
    return this.text;
  }
}

export async function runInEngine(
  engine: Pick<DockerEngine, 'runToCompletion' | 'copyFileOut'>,
  plan: BuildPlan,
  build: ContainerBuild,
  run: Pick<ExecutorRun, 'signal'>,
  log: (line: string) => void,
  tail: OutputTail = new OutputTail(),
): Promise<number> {
  fs.mkdirSync(plan.output.dir, { recursive: true });
  log(build.display);
  const copyOut = build.copyOut;
  return engine.runToCompletion(containerSpec(build.spec), {
    stdout: tail.through(process.stdout),
    stderr: tail.through(process.stderr),
    signal: run.signal,
    ...(copyOut
      ? {
          beforeRemove: async (exit: number) => {
            if (exit === 0) await engine.copyFileOut(build.spec.name, copyOut, partialBinary(plan));
          },
        }
      : {}),
  });
}

type Log = (line: string) => void;

export async function runOnHost(
  o: NormalizedBuildOptions,
  plan: BuildPlan,
  run: Pick<ExecutorRun, 'signal'>,
  log: Log,
  tail: OutputTail = new OutputTail(),
): Promise<number> {
  fs.mkdirSync(plan.output.dir, { recursive: true });
  const args = hostBuildArgs(plan);
  log(displayCommand(['go', ...args]));
  const output = { stdout: tail.through(process.stdout), stderr: tail.through(process.stderr) };
  return runHostGo(args, { cwd: o.moduleDir, env: hostGoEnv(plan.env, process.env), signal: run.signal, output });
}
