import Docker from 'dockerode';
import { workspaceHash } from '../../executors/shared/module/paths';

export const docker = new Docker();

/** The name prefix of every build container of one workspace. */
export const containerPrefix = (ws: string): string => `kube-build-${workspaceHash(ws)}-`;

/** Containers whose name holds `kube-build` (of one workspace, when given), running or not. */
export async function kubeBuildContainers(ws?: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { name: [ws ? containerPrefix(ws) : 'kube-build'] } });
  return list.map((c) => c.Names.map((n) => n.replace(/^\//, '')).join(',')).sort();
}

/** Names of containers an engine (the main one unless given) created between two instants (seconds since epoch). */
export async function containersCreated(since: number, until: number, engine: Docker = docker): Promise<string[]> {
  const stream = (await engine.getEvents({
    since,
    until,
    filters: { type: ['container'], event: ['create'] },
  } as Docker.GetEventsOptions)) as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).Actor?.Attributes?.name as string);
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Runs `fn` and returns the containers the engine created meanwhile (for one workspace, when given). */
export async function countingContainers<T>(fn: () => T, ws?: string): Promise<{ result: T; created: string[] }> {
  // Events are stamped in whole seconds: start on a fresh second.
  await new Promise((r) => setTimeout(r, 1100));
  const since = nowSeconds();
  const result = fn();
  await new Promise((r) => setTimeout(r, 1100));
  const created = (await containersCreated(since, nowSeconds())).filter((n) => !ws || n.startsWith(containerPrefix(ws)));
  return { result, created };
}

/** The container of one task of a workspace, found by the labels every build and test container carries. */
export async function taskContainers(ws: string, project: string, target: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`io.nx-kube-build.workspace=${ws}`, `io.nx-kube-build.project=${project}`, `io.nx-kube-build.target=${target}`] },
  });
}

/**
 * Container name → the volumes mounted at `destination` in it, for containers
 * the engine created between two instants (seconds), read from its events.
 */
export async function volumesMountedAt(destination: string, since: number, until: number, engine: Docker = docker): Promise<Map<string, string[]>> {
  const stream = (await engine.getEvents({ since, until, filters: { type: ['container', 'volume'] } } as Docker.GetEventsOptions)) as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  const events = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const names = new Map<string, string>();
  for (const e of events) if (e.Type === 'container' && e.Action === 'create') names.set(e.Actor.ID, e.Actor.Attributes.name);
  const out = new Map<string, string[]>();
  for (const e of events) {
    const name = e.Type === 'volume' && e.Action === 'mount' && e.Actor.Attributes.destination === destination ? names.get(e.Actor.Attributes.container) : undefined;
    if (name) out.set(name, [...(out.get(name) ?? []), e.Actor.ID]);
  }
  return out;
}
