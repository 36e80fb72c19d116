/**
 * Runs one group of a batch in one container: an engine lease, the sources and
 * modules in place, one `go build -o <dir>/ <main>...`, then each binary go
 * wrote published into its task's path. A binary go did not write (its
 * package failed, or go stopped before building anything) is left for its
 * task to build alone, so its failure comes with its own compiler output.
 */
import * as fs from 'fs';
import { trackScratch } from '../../shared/cleanup/scratch';
import { containerSpec } from '../../shared/container/spec';
import type { DockerEngine } from '../../shared/engine/docker';
import type { ExecutorRun } from '../../shared/nx/executor';
import type { prepareEngine } from '../../shared/image/prepare';
import { BatchBuild, BatchContainer, batchContainer, producedPath } from './batch-plan';
import type { BatchMember } from './group';
import { BuildLog, readyEngine } from './lease';
import { publishProduced } from './publish';
import { OutputTail } from './run';

export interface GroupOutcome {
  /** go's exit code. */
  code: number;
  /** The shared part of every member's terminal output: the command line, and go's output when it succeeded. */
  header: string;
  /** taskId → the workspace-relative binary published. */
  built: Map<string, string>;
  /** Members whose binary go did not write. */
  missing: BatchMember[];
}

/** Runs `b` on a leased engine; `run` is the group's executor run (signals, cleanups). */
export async function runGroup(b: BatchBuild, run: ExecutorRun, out: BuildLog, prepare: typeof prepareEngine): Promise<GroupOutcome> {
  const { o } = b.members[0];
  // Every line said before go ran (the image, a reaped orphan, the sources, the module cache) is each member's too.
  const said: string[] = [];
  const log: BuildLog = { info: (l) => (said.push(l), out.info(l)), warn: (l) => (said.push(l), out.warn(l)) };
  const { lease, sources, modules } = await readyEngine(o, run, log, prepare, b.what);
  run.onRelease(trackScratch(o.workspaceRoot, [b.scratchDir]).release);
  fs.mkdirSync(b.scratchDir, { recursive: true });
  const build = batchContainer(b, lease.image.tag, sources, modules);
  log.info(build.display);
  const tail = new OutputTail();
  const code = await runContainer(lease.engine, build, run, tail);
  run.checkInterrupted(b.what);
  const built = new Map<string, string>();
  const missing: BatchMember[] = [];
  for (const m of b.members) {
    const produced = producedPath(b, m);
    if (fs.existsSync(produced)) built.set(m.taskId, publishProduced(m.plan, produced, o.workspaceRoot));
    else missing.push(m);
  }
  const goSaid = code === 0 ? tail.toString() : `(go exited ${code}: a binary it did not write is built on its own, with its own output)\n`;
  const header = `${said.join('\n')}\n${goSaid}`;
  return { code, header, built, missing };
}

/** The container to completion, go's output passed through; with sources in a volume, what go wrote is copied out first. */
function runContainer(engine: Pick<DockerEngine, 'runToCompletion' | 'copyFileOut'>, build: BatchContainer, run: ExecutorRun, tail: OutputTail): Promise<number> {
  const copyOut = build.copyOut;
  return engine.runToCompletion(containerSpec(build.spec), {
    stdout: tail.through(process.stdout),
    stderr: tail.through(process.stderr),
    signal: run.signal,
    ...(copyOut
      ? {
          beforeRemove: async () => {
            // A binary go did not write is simply not there (copyFileOut says false).
            for (const f of copyOut) await engine.copyFileOut(build.spec.name, f.from, f.to);
          },
        }
      : {}),
  });
}
