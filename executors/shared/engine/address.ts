/** Where an engine is, from the DOCKER_* variables as the docker CLI reads them. Pure but for reading certificates. */
import type Dockerode from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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
