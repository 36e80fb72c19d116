/**
 * What to do when go failed because its uid may not write (or read) a mount:
 * the Go cache volume, the module-cache volume or the output dir, each made by
 * another uid on the same engine or checkout. Pure: the caller says what is
 * mounted, as whom, and who owns the output dir.
 */
import { CACHE_MOUNT, MODCACHE_MOUNT, OUTPUT_MOUNT, defaultCacheVolume } from '../../shared/container/go-container';

export interface PermissionHintInput {
  /** "uid:gid" the container ran as; undefined: the image's user. */
  user?: string;
  cacheVolume: string;
  /** The module-cache volume mounted read-only at MODCACHE_MOUNT, when the context has one. */
  modCacheVolume?: string;
  /** Workspace-relative output dir bind-mounted at OUTPUT_MOUNT, and its owner's uid. */
  outputDir?: string;
  outputOwner?: number;
}

// A path that starts at one of the mounts (not /tmp/go-cache), up to go's ": permission denied".
const DENIED = new RegExp(`(?<=^|[\\s"'])(${[CACHE_MOUNT, MODCACHE_MOUNT, OUTPUT_MOUNT].join('|')})(/[^\\s:]*)?: permission denied`);

/** One sentence naming the mount, the uid and the fix, or undefined when go's output has no such failure. */
export function permissionHint(output: string, i: PermissionHintInput): string | undefined {
  const m = DENIED.exec(output);
  if (!m) return undefined;
  const uid = i.user?.split(':')[0] ?? "the image's user";
  const where = `${m[1]}${m[2] ?? ''}`;
  if (m[1] === CACHE_MOUNT) return cacheHint(i.cacheVolume, uid, where);
  if (m[1] === MODCACHE_MOUNT && i.modCacheVolume) {
    return `uid ${uid} may not read ${where} in the module-cache volume ${i.modCacheVolume}: remove it (docker volume rm ${i.modCacheVolume}) and the next build fills it again as this uid.`;
  }
  if (m[1] === OUTPUT_MOUNT && i.outputDir) {
    const owner = i.outputOwner === undefined || String(i.outputOwner) === uid ? '' : ` (it belongs to uid ${i.outputOwner}, a build run as another user such as sudo)`;
    return `uid ${uid} may not write the output dir ${i.outputDir}${owner}: chown it to uid ${uid} or remove it, then build again.`;
  }
  return undefined;
}

function cacheHint(volume: string, uid: string, where: string): string {
  const own = /^[0-9]+$/.test(uid) ? defaultCacheVolume({ getuid: () => Number(uid) }) : undefined;
  if (volume !== own) {
    return `uid ${uid} may not write ${where} in the Go cache volume ${volume}, which another uid wrote first: leave cacheVolume unset so each uid gets its own (${own ?? 'nx-kube-build-gocache-<uid>'}), or set it to a volume only uid ${uid} uses.`;
  }
  return `uid ${uid} may not write ${where} in its Go cache volume ${volume} (made by another uid, or from an image whose ${CACHE_MOUNT} is not mode 1777): remove it (docker volume rm ${volume}) and the next build fills it again.`;
}
