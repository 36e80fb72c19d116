/**
 * The one module that talks to the Docker Engine (the only one that calls
 * dockerode). Callers describe what to run (pure specs built by
 * container/spec.ts's `containerSpec`); this module knows how.
 */
import Dockerode from 'dockerode';
import * as fs from 'fs';
import type { Readable, Writable } from 'stream';
import type { Pack } from 'tar-stream';
import * as tarStream from 'tar-stream';
import { pipeline as pipelineAsync } from 'stream/promises';
import { InterruptedError } from '../nx/signals';
import { engineAddress } from './address';

export const MANAGED_LABEL = 'io.nx-kube-build.managed';

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
  env: string[];
  size: number;
}

export interface ContainerSummary {
  id: string;
  name: string;
  /** created, running, exited... */
  state: string;
  labels: Record<string, string>;
}

export interface RunIO {
  stdout: Writable;
  stderr: Writable;
  signal?: AbortSignal;
  /** Runs after the container exited normally and before it is removed, e.g. to copy files out of it. */
  beforeRemove?: (exitCode: number) => Promise<void>;
}

export interface BuildImageOptions {
  labels: Record<string, string>;
  /** Dockerfile name inside the context. */
  dockerfile?: string;
  /** Receives the build's output as it arrives. */
  onOutput?: (text: string) => void;
  /** Aborts the build request. */
  signal?: AbortSignal;
}

const statusOf = (e: unknown): number | undefined => (e as { statusCode?: number })?.statusCode;

export class DockerEngine {
  constructor(
    readonly url: string,
    readonly docker: Dockerode,
  ) {}

  /** Pings the engine; a failure is one sentence naming the address and what to do. */
  async ping(): Promise<void> {
    try {
      await this.reach();
    } catch (e) {
      throw new Error(
        `Cannot reach the Docker Engine at ${this.url}: ${(e as Error).message}. Start it (sudo systemctl start docker, or dockerd &) or set DOCKER_HOST.`,
      );
    }
  }

  /** Pings the engine; a failure says only why (`connect ECONNREFUSED`), for callers that name the engine themselves. */
  async reach(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(err.code ? `connect ${err.code}` : err.message.trim());
    }
  }

  async inspectImage(tag: string): Promise<ImageInfo | undefined> {
    try {
      const info = await this.docker.getImage(tag).inspect();
      return {
        id: info.Id,
        labels: info.Config?.Labels ?? {},
        env: info.Config?.Env ?? [],
        size: info.Size,
      };
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async imageExists(tag: string): Promise<boolean> {
    return (await this.inspectImage(tag)) !== undefined;
  }

  /** Builds from a tar stream; resolves only once the engine reports the build done. */
  async buildImage(context: Readable | Pack, tag: string, opts: BuildImageOptions): Promise<void> {
    const stream = await this.docker.buildImage(context as unknown as NodeJS.ReadableStream, {
      t: tag,
      labels: opts.labels,
      rm: true,
      forcerm: true,
      ...(opts.dockerfile ? { dockerfile: opts.dockerfile } : {}),
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    });
    const tail: string[] = [];
    const failure = await followEvents(this.docker, stream, (event) => {
      const text = (event as { stream?: string }).stream;
      if (!text) return;
      tail.push(text);
      if (tail.length > 40) tail.shift();
      opts.onOutput?.(text);
    });
    if (failure !== undefined) {
      throw new Error(`Building image ${tag} failed: ${failure}. Last build output:\n${tail.join('')}`);
    }
  }

  /**
   * Creates, starts and waits for one container, streaming its output live.
   * Returns the exit code. The container is always removed; a stale one of
   * the same name is removed first. An abort removes it at once and rejects
   * with InterruptedError. A container stopped from outside (the engine
   * shutting down, docker stop/kill) or a lost engine rejects with a message
   * saying so, never an exit code that reads as a compiler failure.
   */
  async runToCompletion(spec: Dockerode.ContainerCreateOptions, io: RunIO): Promise<number> {
    const name = spec.name;
    if (!name) throw new Error('runToCompletion needs a named container so it can always be removed.');
    const aborted = (): boolean => io.signal?.aborted === true;
    await this.removeContainer(name);
    if (aborted()) throw new InterruptedError(`Container ${name}`);
    let removing: Promise<void> | undefined;
    const onAbort = (): void => {
      removing = this.removeContainer(name).catch(() => undefined);
    };
    io.signal?.addEventListener('abort', onAbort, { once: true });
    let failed = false;
    try {
      // Events are stamped in whole seconds.
      const since = Math.floor(Date.now() / 1000) - 1;
      const container = await this.docker.createContainer(spec);
      if (aborted()) throw new InterruptedError(`Container ${name}`);
      const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
      const drained = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      this.docker.modem.demuxStream(stream, io.stdout, io.stderr);
      await container.start();
      if (aborted()) throw new InterruptedError(`Container ${name}`);
      const result = (await container.wait()) as { StatusCode: number };
      // Output may trail the exit notification by a moment.
      await Promise.race([drained, new Promise((r) => setTimeout(r, 3000).unref())]);
      if (aborted()) throw new InterruptedError(`Container ${name}`);
      if (result.StatusCode !== 0) {
        const signal = await this.killSignal(container.id, since);
        if (signal) {
          throw new Error(
            `Container ${name} was stopped from outside with signal ${signal} (the Docker Engine at ${this.url} shutting down, or docker stop/kill): start the engine if it stopped, then rerun.`,
          );
        }
      }
      if (io.beforeRemove) await io.beforeRemove(result.StatusCode);
      return result.StatusCode;
    } catch (e) {
      failed = true;
      if (aborted() && !(e instanceof InterruptedError)) throw new InterruptedError(`Container ${name}`);
      throw this.engineLost(e, name);
    } finally {
      io.signal?.removeEventListener('abort', onAbort);
      // The process may exit right after this returns: a removal still in flight would be cancelled.
      await removing;
      // With the engine gone nothing can be removed; the first error already says why.
      await this.removeContainer(name).catch((e) => {
        if (!failed) throw this.engineLost(e, name);
      });
    }
  }

  /** The signal of a `kill` the engine logged for a container since `since`, if any. */
  private async killSignal(id: string, since: number): Promise<string | undefined> {
    try {
      const stream = (await this.docker.getEvents({
        since,
        until: Date.now() / 1000,
        filters: { container: [id], event: ['kill'] },
      } as Dockerode.GetEventsOptions)) as unknown as NodeJS.ReadableStream;
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const signal = (JSON.parse(line) as { Actor?: { Attributes?: { signal?: string } } }).Actor?.Attributes?.signal;
        if (signal) return signal;
      }
      return undefined;
    } catch (e) {
      if (this.engineLost(e, id) !== e) throw e;
      return undefined;
    }
  }

  /** A connection-level failure as one sentence naming the engine; anything else unchanged. */
  private engineLost(e: unknown, name: string): unknown {
    const err = e as NodeJS.ErrnoException | undefined;
    const code = err?.code ?? '';
    const lost = ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE'].includes(code) || /socket hang up/.test(err?.message ?? '');
    if (statusOf(e) !== undefined || !lost) return e;
    return new Error(
      `Lost the Docker Engine at ${this.url} while container ${name} ran (${code || err?.message}): start the engine again, then rerun.`,
    );
  }

  /** Force-removes a container by name; absent is fine. */
  async removeContainer(name: string): Promise<void> {
    try {
      await this.docker.getContainer(name).remove({ force: true, v: true });
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) return;
      if (status !== 409) throw e;
      // 409: another removal is in progress; it only counts once the container is gone.
      for (const end = Date.now() + 30_000; Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          await this.docker.getContainer(name).inspect();
        } catch (err) {
          if (statusOf(err) === 404) return;
          throw err;
        }
      }
      throw new Error(`Container ${name} is still being removed after 30s: remove it with docker rm -f ${name}.`);
    }
  }

  /** Containers (any state) carrying every one of `labels`. */
  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    const list = await this.docker.listContainers({
      all: true,
      filters: { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) },
    });
    return list.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} }));
  }

  async ensureVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).inspect();
      return;
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
    await this.docker.createVolume({ Name: name, Labels: { [MANAGED_LABEL]: 'true' } });
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }

  async volumeExists(name: string): Promise<boolean> {
    try {
      await this.docker.getVolume(name).inspect();
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  /** The engine's own ID (`docker info`), the same across restarts and addresses. */
  async engineId(): Promise<string> {
    const info = (await this.docker.info()) as { ID?: string; Name?: string };
    return info.ID || info.Name || this.url;
  }

  /**
   * Creates a container without starting it: the engine reads and writes its
   * filesystem and volumes through the archive API, so an image without a shell
   * or tar serves. A stale one of the same name is removed first.
   */
  async createStopped(spec: Dockerode.ContainerCreateOptions): Promise<void> {
    if (!spec.name) throw new Error('createStopped needs a named container so it can always be removed.');
    await this.removeContainer(spec.name);
    await this.docker.createContainer(spec);
  }

  /** Extracts a tar stream into `dir` of a (created) container. */
  async putArchive(container: string, dir: string, archive: Readable | Pack): Promise<void> {
    await this.docker.getContainer(container).putArchive(archive as unknown as NodeJS.ReadableStream, { path: dir });
  }

  /** The content of one regular file of a container; undefined when absent. */
  async readContainerFile(container: string, file: string): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    const found = await this.extractOne(container, file, (entry) =>
      new Promise<void>((resolve, reject) => {
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', resolve);
        entry.on('error', reject);
      }),
    );
    return found ? Buffer.concat(chunks) : undefined;
  }

  /**
   * Copies one regular file out of a container to `hostFile` (created or
   * replaced). False when the container has no such file.
   */
  async copyFileOut(container: string, file: string, hostFile: string): Promise<boolean> {
    return this.extractOne(container, file, async (entry) => {
      await pipelineAsync(entry, fs.createWriteStream(hostFile, { mode: 0o644 }));
    });
  }

  /** getArchive of one path, handing the first regular file in it to `take`. */
  private async extractOne(container: string, file: string, take: (entry: Readable) => Promise<void>): Promise<boolean> {
    let archive: NodeJS.ReadableStream;
    try {
      archive = (await this.docker.getContainer(container).getArchive({ path: file })) as unknown as NodeJS.ReadableStream;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
    const extract = tarStream.extract();
    let found = false;
    let failure: unknown;
    extract.on('entry', (header, entry, next) => {
      if (found || header.type !== 'file') {
        entry.resume();
        entry.on('end', next);
        return;
      }
      found = true;
      take(entry as unknown as Readable).then(
        () => next(),
        (e) => {
          failure = e;
          entry.resume();
          next();
        },
      );
    });
    await pipelineAsync(archive as unknown as Readable, extract);
    if (failure) throw failure;
    return found;
  }

  /**
   * Makes `tag` a one-layer image of a root filesystem tar (docker import),
   * with Dockerfile `changes` (ENV, WORKDIR, LABEL) applied to its config.
   */
  async importImage(rootfs: Readable | Pack, tag: string, changes: string[], signal?: AbortSignal): Promise<void> {
    const at = tag.lastIndexOf(':');
    const stream = (await this.docker.importImage(rootfs as unknown as NodeJS.ReadableStream, {
      repo: tag.slice(0, at),
      tag: tag.slice(at + 1),
      changes,
      ...(signal ? { abortSignal: signal } : {}),
    })) as unknown as NodeJS.ReadableStream;
    const failure = await followEvents(this.docker, stream);
    if (failure) throw new Error(`The Docker Engine at ${this.url} could not import image ${tag}: ${failure}.`);
  }

  /** Loads a docker-archive (docker save format) from a stream; resolves once the engine reports it loaded. */
  async loadImage(archive: Readable, what: string, signal?: AbortSignal): Promise<void> {
    const stream = (await this.docker.loadImage(archive as unknown as NodeJS.ReadableStream, {
      quiet: true,
      ...(signal ? { abortSignal: signal } : {}),
    })) as unknown as NodeJS.ReadableStream;
    const failure = await followEvents(this.docker, stream);
    if (failure) throw new Error(`The Docker Engine at ${this.url} could not load ${what}: ${failure}.`);
  }

  /** The docker-archive (docker save format) of one image the engine holds. */
  async exportImage(name: string): Promise<Readable> {
    try {
      return (await this.docker.getImage(name).get()) as unknown as Readable;
    } catch (e) {
      if (statusOf(e) === 404) {
        throw new Error(`Image ${name} is not in the Docker Engine at ${this.url}; pull or load it first.`);
      }
      throw e;
    }
  }

  /** Pushes `<repo>:<tag>` and returns the manifest digest the registry reported. */
  async pushImage(push: PushInput): Promise<string | undefined> {
    const ref = `${push.repo}:${push.tag}`;
    const fail = (why: string): Error =>
      new Error(
        `Pushing ${ref} to registry ${push.registry} failed (${why}); check that ${push.registry} is reachable and that its credentials are in ~/.docker/config.json or the auth option.`,
      );
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await this.docker.getImage(push.repo).push({
        tag: push.tag,
        // The engine requires the header even for anonymous pushes: `{}` is anonymous.
        authconfig: (push.auth ?? {}) as Dockerode.AuthConfig,
        ...(push.signal ? { abortSignal: push.signal } : {}),
      })) as unknown as NodeJS.ReadableStream;
    } catch (e) {
      throw fail((e as Error).message.trim());
    }
    let digest: string | undefined;
    const failure = await followEvents(this.docker, stream, (event) => {
      const aux = (event as { aux?: { Digest?: string } }).aux;
      if (aux?.Digest) digest = aux.Digest;
    });
    if (failure) throw fail(failure);
    return digest;
  }

  /** Removes an image by tag or ID; absent is fine. */
  async removeImage(name: string): Promise<void> {
    try {
      await this.docker.getImage(name).remove({ force: true });
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }
}

/** Credentials for one registry, as the Engine API's X-Registry-Auth carries them. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface PushInput {
  /** Repository with its registry: 127.0.0.1:5000/kube-proxy-amd64. */
  repo: string;
  tag: string;
  /** The registry host, for messages. */
  registry: string;
  auth?: RegistryAuth;
  signal?: AbortSignal;
}

/**
 * Follows a JSON progress stream to its end; resolves to the first error the
 * engine reported in it (an `errorDetail` or `error` event), else undefined.
 */
function followEvents(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  onEvent?: (event: Record<string, unknown>) => void,
): Promise<string | undefined> {
  let failure: string | undefined;
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve(failure)),
      (event: { error?: string; errorDetail?: { message?: string } }) => {
        if ((event.errorDetail || event.error) && failure === undefined) {
          failure = (event.errorDetail?.message ?? event.error ?? 'unknown error').trim();
        }
        onEvent?.(event as Record<string, unknown>);
      },
    );
  });
}

export function connect(env: NodeJS.ProcessEnv = process.env): DockerEngine {
  const address = engineAddress(env);
  return new DockerEngine(address.url, new Dockerode(address.options));
}
