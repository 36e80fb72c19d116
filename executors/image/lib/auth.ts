/**
 * Registry credentials for a push: the `auth` option, else the registry's
 * entry in the docker CLI's config.json (`$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`), else anonymous. Credential helpers are not run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RegistryAuth } from '../../shared/engine/docker';

export interface ResolvedAuth {
  auth?: RegistryAuth;
  /** Where the credentials came from, for the log. */
  source: string;
  /** Something the user should know, e.g. a credential helper that was not run. */
  note?: string;
}

/** The keys the docker CLI files a registry's credentials under. */
export function dockerConfigKeys(host: string): string[] {
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io'];
  }
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

interface DockerConfigEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/** Credentials for `host` from a parsed docker config.json. Pure. */
export function authFromDockerConfig(config: unknown, host: string, file = 'config.json'): ResolvedAuth {
  const c = (config ?? {}) as { auths?: Record<string, DockerConfigEntry>; credsStore?: string; credHelpers?: Record<string, string> };
  for (const key of dockerConfigKeys(host)) {
    const e = c.auths?.[key];
    if (!e) continue;
    const auth: RegistryAuth = { serveraddress: host };
    if (e.auth) {
      const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new Error(`The auth of ${key} in ${file} is not base64 of user:password; run docker login ${host} again.`);
      auth.username = decoded.slice(0, colon);
      auth.password = decoded.slice(colon + 1);
    }
    if (e.username) auth.username = e.username;
    if (e.password) auth.password = e.password;
    if (e.identitytoken) auth.identitytoken = e.identitytoken;
    if (e.registrytoken) auth.registrytoken = e.registrytoken;
    if (auth.username || auth.identitytoken || auth.registrytoken) return { auth, source: `${file} (${key})` };
  }
  const helper = c.credHelpers?.[host] ?? c.credsStore;
  if (helper) {
    return {
      source: 'anonymous',
      note: `${file} keeps the credentials of ${host} in the docker-credential-${helper} helper, which is not run; pass the auth option to push with them.`,
    };
  }
  return { source: 'anonymous' };
}

export function dockerConfigFile(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/** The credentials a push to `host` uses. */
export function resolveAuth(
  option: RegistryAuth | undefined,
  host: string,
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8'),
): ResolvedAuth {
  if (option) return { auth: { serveraddress: host, ...option }, source: 'the auth option' };
  const file = dockerConfigFile(env);
  let text: string;
  try {
    text = readFile(file);
  } catch {
    return { source: 'anonymous' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON (${(e as Error).message}); fix it or pass the auth option to push to ${host}.`);
  }
  return authFromDockerConfig(parsed, host, file);
}
