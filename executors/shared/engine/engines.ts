/**
 * Which Docker Engines a build may use and how to reach each: the pool from
 * NX_KUBE_BUILD_ENGINES or the `engines` option, TLS per engine, and whether an
 * engine can see this machine's files. Pure: no engine is contacted here.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const ENGINES_ENV = 'NX_KUBE_BUILD_ENGINES';

/** One engine of the pool, as listed. */
export interface EngineSpec {
  /** The DOCKER_HOST value: unix:///path or tcp://host:port. */
  url: string;
  /** Folder with ca.pem, cert.pem and key.pem (the `url|certdir` form): TLS with these. */
  certDir?: string;
}

export type SyncMode = 'auto' | 'copy' | 'mount';
export const SYNC_MODES: SyncMode[] = ['auto', 'copy', 'mount'];

const UNIX = /^unix:\/\/\/./;
const TCP = /^tcp:\/\/(\[[^\]]+\]|[^:/[\]]+)(?::(\d+))?\/?$/;

/** host and port of a tcp:// URL; undefined for anything else. */
export function tcpHostPort(url: string): { host: string; port?: string } | undefined {
  const m = TCP.exec(url);
  return m ? { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] } : undefined;
}

/**
 * The pool as listed: comma-separated (or an array of) `DOCKER_HOST` values,
 * each optionally followed by `|<folder of ca.pem, cert.pem, key.pem>`.
 * `source` names where the list came from, for messages.
 */
export function parseEngineList(raw: string | string[], source: string): EngineSpec[] {
  const items = (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
  const out: EngineSpec[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const bar = item.indexOf('|');
    const url = (bar === -1 ? item : item.slice(0, bar)).trim().replace(/\/$/, '');
    const certDir = bar === -1 ? undefined : item.slice(bar + 1).trim();
    if (!UNIX.test(url) && !TCP.test(url)) {
      throw new Error(
        `${source} entry "${item}" is not an engine address: use unix:///path/to/docker.sock or tcp://host:port, optionally followed by |<folder of ca.pem, cert.pem, key.pem>.`,
      );
    }
    if (certDir !== undefined && (certDir === '' || url.startsWith('unix://'))) {
      throw new Error(
        `${source} entry "${item}" has ${certDir === '' ? 'an empty certificate folder' : 'a certificate folder for a unix socket'}: write tcp://host:port|/path/to/certs, or drop the "|".`,
      );
    }
    if (seen.has(url)) throw new Error(`${source} lists ${url} twice: list each engine once.`);
    seen.add(url);
    out.push(certDir === undefined ? { url } : { url, certDir });
  }
  return out;
}

/**
 * The pool for a build: the `engines` option when given, else
 * NX_KUBE_BUILD_ENGINES; undefined when neither is set (one engine, DOCKER_HOST).
 */
export function resolveEngineSpecs(option: string[] | undefined, env: NodeJS.ProcessEnv): EngineSpec[] | undefined {
  if (option && option.length > 0) {
    const list = parseEngineList(option, 'The engines option');
    if (list.length > 0) return list;
  }
  const raw = (env[ENGINES_ENV] ?? '').trim();
  if (!raw) return undefined;
  const list = parseEngineList(raw, ENGINES_ENV);
  if (list.length === 0) {
    throw new Error(`${ENGINES_ENV} "${raw}" lists no engine: give DOCKER_HOST values separated by commas, or unset it.`);
  }
  return list;
}

/**
 * The DOCKER_* variables that reach one engine of the pool, for
 * docker.engineAddress. TLS comes from, in order: the entry's `|certdir`;
 * a sub-folder `<host>_<port>` of DOCKER_CERT_PATH holding ca.pem; the
 * caller's DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. A unix socket never uses TLS.
 */
export function engineEnv(
  spec: EngineSpec,
  env: NodeJS.ProcessEnv,
  workspaceRoot: string,
  exists: (file: string) => boolean = fs.existsSync,
): NodeJS.ProcessEnv {
  const tls = (dir: string): NodeJS.ProcessEnv => ({ DOCKER_HOST: spec.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
  if (spec.url.startsWith('unix://')) return { DOCKER_HOST: spec.url };
  if (spec.certDir) return tls(path.resolve(workspaceRoot, spec.certDir));
  const hp = tcpHostPort(spec.url)!;
  const base = env.DOCKER_CERT_PATH;
  if (base) {
    const sub = path.join(base, `${hp.host}_${hp.port ?? (env.DOCKER_TLS_VERIFY ? '2376' : '2375')}`);
    if (exists(path.join(sub, 'ca.pem'))) return tls(sub);
  }
  const out: NodeJS.ProcessEnv = { DOCKER_HOST: spec.url };
  if (env.DOCKER_TLS_VERIFY) out.DOCKER_TLS_VERIFY = env.DOCKER_TLS_VERIFY;
  if (base) out.DOCKER_CERT_PATH = base;
  if (env.HOME) out.HOME = env.HOME;
  return out;
}

/** True for an engine on this machine: a unix socket, or tcp to a loopback address. */
export function isLocalEngineUrl(url: string): boolean {
  if (url === '' || url.startsWith('unix://')) return true;
  const hp = tcpHostPort(url);
  if (!hp) return false;
  const h = hp.host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether sources are copied into the engine (true) or bind-mounted from this machine (false). */
export function copiesSources(mode: SyncMode, url: string): boolean {
  if (mode === 'copy') return true;
  if (mode === 'mount') return false;
  return !isLocalEngineUrl(url);
}

export function parseSyncMode(value: string | undefined): SyncMode {
  const v = (value ?? 'auto') as SyncMode;
  if (!SYNC_MODES.includes(v)) {
    throw new Error(`sync "${value}" is not supported: use ${SYNC_MODES.map((m) => `"${m}"`).join(', ')}.`);
  }
  return v;
}

/** A short file-name-safe key of an engine address, for per-engine lease folders and locks. */
export function engineKey(url: string): string {
  return crypto.createHash('sha256').update(url).digest('hex').slice(0, 12);
}
