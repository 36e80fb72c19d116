/**
 * Fills the module-cache volume of a non-vendored context: under a lock per
 * engine and volume, `go mod download` in a container of the build image, then
 * the completion marker, written last through the archive API. A volume
 * without the marker (a killed download) is filled again, never trusted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import * as tar from 'tar-stream';
import { displayCommand, goContainerName, hostUser, ModCache } from '../container/go-container';
import { taskLabels } from '../container/labels';
import { currentOwner } from '../nx/owner';
import { containerSpec } from '../container/spec';
import { DockerEngine } from '../engine/docker';
import { engineKey, isLocalEngineUrl } from '../engine/engines';
import { withLock } from '../nx/lock';
import { contextModFiles, contextNeedsModCache } from '../module/go-mod';
import { executorStateDir } from '../nx/state-dir';
import { COMPLETE_MARKER, DOWNLOAD_MOUNT, downloadContainer, downloadFailure, fileProxyDirs, modCacheVolumeName } from './plan';

export interface ModCacheInput {
  engine: DockerEngine;
  /** The build image the download runs in. */
  image: string;
  workspaceRoot: string;
  /** Workspace-relative context dir ('' for the root), for messages. */
  moduleRoot: string;
  moduleDir: string;
  modulePath: string;
  /** The engine's copy of the module, when it cannot bind-mount this checkout. */
  sourceVolume?: string;
  network: string;
  hostEnv: NodeJS.ProcessEnv;
  user?: string;
  signal?: AbortSignal;
  log: (line: string) => void;
}

/** The volume of a context as its files are now. */
export function modCacheVolumeOf(moduleDir: string): string {
  return modCacheVolumeName(
    contextModFiles(moduleDir).map((name) => {
      const file = path.join(moduleDir, name);
      return { name, content: fs.existsSync(file) ? fs.readFileSync(file) : undefined };
    }),
  );
}

type VolumeState = 'complete' | 'missing' | 'incomplete';

/** Whether the volume exists and holds the marker; a never-started helper container reads it. */
async function volumeState(i: ModCacheInput, volume: string): Promise<VolumeState> {
  if (!(await i.engine.volumeExists(volume))) return 'missing';
  // Under the lock: one check of this volume at a time, so a fixed name (a stale one is replaced).
  const helper = goContainerName(i.workspaceRoot, 'gomod-check', volume.slice(-16));
  const spec = containerSpec({
    name: helper,
    image: i.image,
    cmd: ['go', 'version'],
    workingDir: '/',
    env: {},
    mounts: [{ type: 'volume', source: volume, target: '/gomod', readOnly: true }],
    network: 'none',
    labels: taskLabels({ workspaceRoot: i.workspaceRoot, project: 'gomod-check', target: 'mod-download' }, currentOwner()),
  });
  try {
    await i.engine.createStopped(spec);
    return (await i.engine.readContainerFile(helper, `/gomod/${COMPLETE_MARKER}`)) ? 'complete' : 'incomplete';
  } finally {
    await i.engine.removeContainer(helper);
  }
}

function why(state: VolumeState, volume: string, i: ModCacheInput): string {
  if (state === 'incomplete') return `Module cache volume ${volume} has no completion marker (a download was interrupted): running go mod download again`;
  return `Module cache volume ${volume} of ${i.moduleRoot || '.'} is not on ${i.engine.url} (not filled yet, pruned, or another engine): running go mod download to fill it`;
}

/** go mod download of a large module graph takes minutes; a waiter gives up after this. */
const MODCACHE_LOCK_TIMEOUT_MS = 30 * 60_000;

/** The volume's name once it is complete: already, or after a download. */
export async function ensureModCache(i: ModCacheInput): Promise<{ volume: string; downloaded: boolean }> {
  const volume = modCacheVolumeOf(i.moduleDir);
  const lock = path.join(executorStateDir(i.workspaceRoot), `gomod-${engineKey(i.engine.url)}-${volume}.lock`);
  return withLock(
    lock,
    async () => {
      const state = await volumeState(i, volume);
      if (state === 'complete') {
        i.log(`Module cache volume ${volume} is complete`);
        return { volume, downloaded: false };
      }
      i.log(why(state, volume, i));
      // Made afresh: what a killed download left may belong to another uid, whose dirs this uid's go could not write.
      if (state === 'incomplete') await i.engine.removeVolume(volume);
      await download(i, volume);
      return { volume, downloaded: true };
    },
    { what: `the module cache lock of ${volume}`, timeoutMs: MODCACHE_LOCK_TIMEOUT_MS, onWait: (pid) => i.log(`Waiting for pid ${pid ?? 'unknown'} to fill ${volume}`), signal: i.signal },
  );
}

/** A file:// proxy must be a dir this machine has and the engine can mount. */
function checkFileProxies(i: ModCacheInput): void {
  for (const dir of fileProxyDirs(i.hostEnv.GOPROXY)) {
    if (!isLocalEngineUrl(i.engine.url)) {
      throw new Error(
        `GOPROXY names file://${dir}, a folder of this machine, which the Docker Engine at ${i.engine.url} cannot mount: serve that proxy over http(s), or fill the module cache on a local engine.`,
      );
    }
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`GOPROXY names file://${dir}, which is no folder on this machine: point it at a module proxy folder (<module>/@v/list, <version>.info, .mod, .zip).`);
    }
  }
}

async function download(i: ModCacheInput, volume: string): Promise<void> {
  checkFileProxies(i);
  await i.engine.ensureVolume(volume);
  const name = goContainerName(i.workspaceRoot, 'gomod', volume.slice(-16));
  const spec = downloadContainer({ ...i, name, volume, labels: taskLabels({ workspaceRoot: i.workspaceRoot, project: 'gomod', target: 'mod-download' }, currentOwner()) });
  i.log(`${displayCommand(spec.cmd)}  (in ${i.image}, container ${name}, into volume ${volume}, network ${i.network})`);
  let stderr = '';
  const tee = new Writable({
    write(chunk, _enc, cb) {
      stderr = (stderr + chunk.toString()).slice(-16384);
      process.stderr.write(chunk, cb);
    },
  });
  const code = await i.engine.runToCompletion(containerSpec(spec), {
    stdout: process.stdout,
    stderr: tee,
    signal: i.signal,
    // Written last, only after go succeeded: the one thing builds trust.
    beforeRemove: async (exit) => {
      if (exit === 0) await i.engine.putArchive(name, DOWNLOAD_MOUNT, markerArchive(volume));
    },
  });
  if (code !== 0) throw new Error(downloadFailure(i.moduleRoot || '.', code, stderr, i.hostEnv));
}

function markerArchive(volume: string): tar.Pack {
  const pack = tar.pack();
  pack.entry({ name: COMPLETE_MARKER, mode: 0o644, uid: 0, gid: 0 }, `${volume}\n`);
  pack.finalize();
  return pack;
}


/** What a build or test knows about its context, for placeModules. */
export interface ContextModules {
  vendored: boolean;
  workspaceRoot: string;
  moduleRoot: string;
  moduleDir: string;
  modulePath: string;
  downloadNetwork: string;
}

/**
 * The module-cache volume a build or test mounts read-only, filled first when
 * it is missing or incomplete on this engine; undefined for a vendored context
 * or one that requires nothing from outside the tree (it builds as before).
 */
export async function placeModules(
  o: ContextModules,
  lease: { engine: DockerEngine; image: { tag: string } },
  sourceVolume: string | undefined,
  run: { signal: AbortSignal },
  log: (line: string) => void,
  fill: typeof ensureModCache = ensureModCache,
): Promise<ModCache | undefined> {
  if (o.vendored || !contextNeedsModCache(o.workspaceRoot, o.moduleDir)) return undefined;
  const { volume } = await fill({
    engine: lease.engine,
    image: lease.image.tag,
    workspaceRoot: o.workspaceRoot,
    moduleRoot: o.moduleRoot,
    moduleDir: o.moduleDir,
    modulePath: o.modulePath,
    ...(sourceVolume ? { sourceVolume } : {}),
    network: o.downloadNetwork,
    hostEnv: process.env,
    user: hostUser(),
    signal: run.signal,
    log,
  });
  return { volume, workspace: fs.existsSync(path.join(o.moduleDir, 'go.work')) };
}
