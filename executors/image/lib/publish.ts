/** The written image into the engine (make release-images loads it) and, when asked, to its registry. */
import { createReadStream } from 'fs';
import { toPosixRel } from '../../shared/module/paths';
import { resolveAuth } from './auth';
import type { ImageDeps, ImageEngine } from './deps';
import { registryHost } from './naming';
import type { ImageStart } from './start';

type Log = ImageDeps['log'];

/** Loads the archive into the engine and returns the ID the engine reports. */
export async function loadImage(
  { name, archive }: Pick<ImageStart, 'name' | 'archive'>,
  workspaceRoot: string,
  engine: Pick<ImageEngine, 'loadImage' | 'inspectImage'>,
  deps: { log: Log; signal?: AbortSignal },
): Promise<string> {
  await engine.loadImage(createReadStream(archive), name.ref, deps.signal);
  const loaded = await engine.inspectImage(name.ref);
  if (!loaded) {
    throw new Error(`The Docker Engine loaded ${toPosixRel(workspaceRoot, archive)} but has no ${name.ref}; load it by hand (docker load -i) to see why.`);
  }
  deps.log.info(`Loaded ${name.ref} (${loaded.id}) from ${toPosixRel(workspaceRoot, archive)}.`);
  return loaded.id;
}

/** Pushes the tag with the credentials found; returns the manifest digest. */
export async function pushImage(
  { s, name }: Pick<ImageStart, 's' | 'name'>,
  engine: Pick<ImageEngine, 'pushImage'>,
  deps: Pick<ImageDeps, 'env' | 'log' | 'signal'>,
): Promise<string | undefined> {
  const host = registryHost(s.registry);
  const auth = resolveAuth(s.auth, host, deps.env);
  if (auth.note) deps.log.warn(auth.note);
  const digest = await engine.pushImage({ repo: name.repo, tag: name.tag, registry: host, auth: auth.auth, signal: deps.signal });
  deps.log.info(`Pushed ${name.ref}${digest ? ` as ${name.repo}@${digest}` : ''} (credentials: ${auth.source}).`);
  return digest;
}
