/**
 * A prepared engine stand-in for executor specs: it keeps each container spec it
 * is given and plays go by writing the `-o` file through the spec's bind
 * mounts, so a spec sees what the host would. Test-only (not shipped).
 */
import type Dockerode from 'dockerode';
import * as fs from 'fs';
import * as path from 'path';
import type { DockerEngine, RunIO } from '../engine/docker';
import type { PreparedEngine } from './prepare';

/** What "go" does in one fake run: the bytes it writes to its -o file (none: writes nothing) and its exit code. */
export interface FakeRun {
  writes?: string;
  /** For `-o <dir>/` (a batch): file name → bytes go writes into that dir. */
  files?: Record<string, string>;
  exit: number;
  /** Called inside the run, after the write and before the exit: the moment a real container is still there. */
  during?: () => void;
}

export interface FakeEngine {
  prepared: PreparedEngine;
  /** Every container spec run, in order. */
  specs: Dockerode.ContainerCreateOptions[];
  /** The next runs, taken one per container. */
  runs: FakeRun[];
}

/** Host path of `inContainer` through the spec's bind mounts, or undefined when no bind mount holds it. */
export function hostPathOf(spec: Dockerode.ContainerCreateOptions, inContainer: string): string | undefined {
  for (const m of spec.HostConfig?.Mounts ?? []) {
    if (m.Type !== 'bind' || !m.Target || !m.Source) continue;
    const rel = path.posix.relative(m.Target, inContainer);
    if (!rel.startsWith('..') && !path.posix.isAbsolute(rel)) return path.join(m.Source, rel);
  }
  return undefined;
}

export function fakeEngine(url = 'unix:///var/run/docker.sock'): FakeEngine {
  const specs: Dockerode.ContainerCreateOptions[] = [];
  const runs: FakeRun[] = [];
  const engine = {
    url,
    runToCompletion: async (spec: Dockerode.ContainerCreateOptions, io: RunIO): Promise<number> => {
      specs.push(spec);
      const run = runs.shift() ?? { exit: 0 };
      const argv = [...(spec.Entrypoint as string[]), ...(spec.Cmd as string[])];
      const out = argv.indexOf('-o') >= 0 ? argv[argv.indexOf('-o') + 1] : undefined;
      const host = out ? hostPathOf(spec, out) : undefined;
      if (host && run.writes !== undefined) fs.writeFileSync(host, run.writes);
      for (const [name, bytes] of Object.entries(run.files ?? {})) if (host) fs.writeFileSync(path.join(host, name), bytes);
      run.during?.();
      await io.beforeRemove?.(run.exit);
      return run.exit;
    },
    copyFileOut: async (): Promise<boolean> => true,
    // Nothing left over from earlier runs to reap.
    listContainers: async () => [],
    removeContainer: async () => undefined,
  } as unknown as DockerEngine;
  const prepared: PreparedEngine = { engine, image: { tag: 'kube-build:fake', built: false }, release: () => undefined };
  return { prepared, specs, runs };
}
