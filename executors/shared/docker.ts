/**
 * The one module that talks to the Docker Engine. Callers describe what to run
 * (pure specs built by `containerSpec`); this module knows how.
 */
import Dockerode from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';
import type { Pack } from 'tar-stream';

export const MANAGED_LABEL = 'io.nx-kube-build.managed';

const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface EngineAddress {
  /** The DOCKER_HOST value tried, for messages. */
  url: string;
  options: Dockerode.DockerOptions;
}

/**
 * Where the engine is, from DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH
 * as the docker CLI reads them. Explicit `undefined`s override docker-modem's
 * own reading of process.env.
 */
export function engineAddress(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => Buffer = (f) => fs.readFileSync(f),
): EngineAddress {
  const raw = (env.DOCKER_HOST ?? '').trim();
  if (!raw) {
    return { url: `unix://${DEFAULT_SOCKET}`, options: { socketPath: DEFAULT_SOCKET, host: undefined } };
  }
  if (raw.startsWith('unix://')) {
    const socketPath = raw.slice('unix://'.length) || DEFAULT_SOCKET;
    return { url: `unix://${socketPath}`, options: { socketPath, host: undefined } };
  }
  const m = /^tcp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(raw);
  if (!m) {
    throw new Error(
      `DOCKER_HOST "${raw}" is not supported: use unix:///path/to/docker.sock or tcp://host:port.`,
    );
  }
  const tls = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const port = m[2] ?? (tls ? '2376' : '2375');
  const options: Dockerode.DockerOptions = {
    host: m[1].replace(/^\[|\]$/g, ''),
    port,
    protocol: tls ? 'https' : 'http',
    socketPath: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  };
  if (tls) {
    const dir = env.DOCKER_CERT_PATH || path.join(env.HOME || os.homedir(), '.docker');
    const read = (name: string): Buffer => {
      const file = path.join(dir, name);
      try {
        return readFile(file);
      } catch (e) {
        throw new Error(
          `DOCKER_TLS_VERIFY is set but ${file} cannot be read (${(e as Error).message}): set DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem.`,
        );
      }
    };
    options.ca = read('ca.pem');
    options.cert = read('cert.pem');
    options.key = read('key.pem');
  }
  return { url: raw, options };
}

export interface MountSpec {
  type: 'bind' | 'volume';
  /** Host path (bind) or volume name. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ContainerInput {
  name: string;
  image: string;
  /** argv; the first element becomes the entrypoint so image entrypoints never interfere. */
  cmd: string[];
  workingDir: string;
  /** "uid:gid"; omitted where the host has no such notion. */
  user?: string;
  /** The complete environment: nothing else is inherited from the host. */
  env: Record<string, string>;
  mounts: MountSpec[];
  network: string;
  labels?: Record<string, string>;
}

/** Create options for a locked-down build container. Pure. */
export function containerSpec(input: ContainerInput): Dockerode.ContainerCreateOptions {
  if (input.cmd.length === 0) throw new Error(`Container ${input.name} has no command: give it at least the program to run.`);
  for (const m of input.mounts) {
    if (m.type === 'bind' && /(^|\/)docker\.sock$/.test(m.source)) {
      throw new Error(`Refusing to mount the Docker socket ${m.source} into ${input.name}: build containers never get engine access.`);
    }
  }
  return {
    name: input.name,
    Image: input.image,
    Entrypoint: [input.cmd[0]],
    Cmd: input.cmd.slice(1),
    WorkingDir: input.workingDir,
    ...(input.user ? { User: input.user } : {}),
    Env: Object.keys(input.env)
      .sort()
      .map((k) => `${k}=${input.env[k]}`),
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Labels: { [MANAGED_LABEL]: 'true', ...(input.labels ?? {}) },
    HostConfig: {
      Mounts: input.mounts.map((m) => ({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
      })),
      NetworkMode: input.network,
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      AutoRemove: false,
    },
  };
}

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export function sanitizeContainerName(name: string): string {
  const s = name
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '');
  return s.slice(0, 200) || 'kube-build';
}

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
  env: string[];
  size: number;
}

export interface RunIO {
  stdout: Writable;
  stderr: Writable;
  signal?: AbortSignal;
}

export class InterruptedError extends Error {
  constructor(what: string) {
    super(`${what} was interrupted.`);
    this.name = 'InterruptedError';
  }
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

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code ? `connect ${err.code}` : err.message;
      throw new Error(
        `Cannot reach the Docker Engine at ${this.url}: ${why}. Start it (sudo systemctl start docker, or dockerd &) or set DOCKER_HOST.`,
      );
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
    let failure: string | undefined;
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null) => {
          if (err) return reject(err);
          if (failure !== undefined) {
            return reject(
              new Error(`Building image ${tag} failed: ${failure}. Last build output:\n${tail.join('')}`),
            );
          }
          resolve();
        },
        (event: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
          if (event.stream) {
            tail.push(event.stream);
            if (tail.length > 40) tail.shift();
            opts.onOutput?.(event.stream);
          }
          if (event.errorDetail || event.error) {
            failure = (event.errorDetail?.message ?? event.error ?? 'unknown error').trim();
          }
        },
      );
    });
  }

  /**
   * Creates, starts and waits for one container, streaming its output live.
   * Returns the exit code. The container is always removed; a stale one of
   * the same name is removed first. An abort removes it at once and rejects
   * with InterruptedError.
   */
  async runToCompletion(spec: Dockerode.ContainerCreateOptions, io: RunIO): Promise<number> {
    const name = spec.name;
    if (!name) throw new Error('runToCompletion needs a named container so it can always be removed.');
    const aborted = (): boolean => io.signal?.aborted === true;
    await this.removeContainer(name);
    if (aborted()) throw new InterruptedError(`Container ${name}`);
    const onAbort = (): void => {
      this.removeContainer(name).catch(() => undefined);
    };
    io.signal?.addEventListener('abort', onAbort, { once: true });
    try {
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
      return result.StatusCode;
    } catch (e) {
      if (aborted() && !(e instanceof InterruptedError)) throw new InterruptedError(`Container ${name}`);
      throw e;
    } finally {
      io.signal?.removeEventListener('abort', onAbort);
      await this.removeContainer(name);
    }
  }

  /** Force-removes a container by name; absent is fine. */
  async removeContainer(name: string): Promise<void> {
    try {
      await this.docker.getContainer(name).remove({ force: true, v: true });
    } catch (e) {
      const status = statusOf(e);
      // 404: gone; 409: removal already in progress.
      if (status !== 404 && status !== 409) throw e;
    }
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
}

export function connect(env: NodeJS.ProcessEnv = process.env): DockerEngine {
  const address = engineAddress(env);
  return new DockerEngine(address.url, new Dockerode(address.options));
}
