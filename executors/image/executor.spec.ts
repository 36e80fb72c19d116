import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Readable } from 'stream';
import type { ExecutorContext } from '@nx/devkit';
import type { PushInput } from '../shared/engine/docker';
import { listTar } from '../shared/archive/tar.spec-helpers';
import imageExecutor, { runImage } from './executor';
import type { ImageDeps, ImageEngine } from './lib/deps';

const VERSION = { gitVersion: 'v1.31.0-alpha.0.6+84c76d1142ea4d', gitCommit: 'c0ffee', epoch: 1714564800, buildDate: '2024-05-01T12:00:00Z' };

/** Stands in for the engine: keeps what was loaded and pushed. */
function fakeEngine() {
  const loaded: Buffer[] = [];
  const pushed: PushInput[] = [];
  const engine: ImageEngine = {
    ping: async () => undefined,
    loadImage: async (archive: Readable) => {
      const chunks: Buffer[] = [];
      for await (const c of archive) chunks.push(c as Buffer);
      loaded.push(Buffer.concat(chunks));
    },
    exportImage: async (name) => {
      throw new Error(`no ${name}`);
    },
    pushImage: async (p) => {
      pushed.push(p);
      return 'sha256:' + 'd'.repeat(64);
    },
    inspectImage: async () => (loaded.length > 0 ? { id: 'sha256:engine', labels: {}, env: [], size: 1 } : undefined),
  };
  return { engine, loaded, pushed };
}

describe('image executor', () => {
  let root: string;
  let calls: string[][];
  let logs: string[];
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'image-exec-'));
    calls = [];
    logs = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const deps = (engine: ImageEngine, over: Partial<ImageDeps> = {}): ImageDeps => ({
    runNx: async (_root, args) => {
      calls.push(args);
      const bin = path.join(root, 'workspace/_output/dockerized/bin/linux/amd64/kube-proxy');
      mkdirSync(path.dirname(bin), { recursive: true });
      writeFileSync(bin, 'ELF kube-proxy');
      return 0;
    },
    readVersionInfo: async () => VERSION,
    engine: () => engine,
    env: { HOME: root },
    log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`) },
    ...over,
  });
  const options = { moduleRoot: 'workspace', binaryName: 'kube-proxy', platform: 'linux/amd64' };

  it('builds the binary through nx, writes the archive and tag file, and loads exactly those bytes', async () => {
    const fake = fakeEngine();
    const outcome = await runImage(options, 'kube-proxy', root, deps(fake.engine));
    expect(calls).toEqual([['run-many', '--targets=build', '--projects=kube-proxy', '--configuration=linux-amd64']]);
    const archive = path.join(root, 'workspace/_output/release-images/amd64/kube-proxy.tar');
    expect(readFileSync(path.join(root, 'workspace/_output/release-images/amd64/kube-proxy.docker_tag'), 'utf8')).toBe(
      'v1.31.0-alpha.0.6_84c76d1142ea4d\n',
    );
    expect(fake.loaded).toEqual([readFileSync(archive)]);
    expect(outcome).toEqual({
      ref: 'registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d',
      imageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      engineId: 'sha256:engine',
      archive: 'workspace/_output/release-images/amd64/kube-proxy.tar',
      tagFile: 'workspace/_output/release-images/amd64/kube-proxy.docker_tag',
    });
    const names = (await listTar(archive)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'repositories', `${outcome.imageId.slice(7)}.json`]));
    expect(fake.pushed).toEqual([]);
    expect(logs).toEqual([
      'info: Loaded registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d (sha256:engine) from workspace/_output/release-images/amd64/kube-proxy.tar.',
    ]);
  });

  it('gives the same image ID and bytes on a second run', async () => {
    const a = await runImage(options, 'kube-proxy', root, deps(fakeEngine().engine));
    const first = readFileSync(path.join(root, a.archive));
    const b = await runImage(options, 'kube-proxy', root, deps(fakeEngine().engine));
    expect(b.imageId).toBe(a.imageId);
    expect(readFileSync(path.join(root, b.archive)).equals(first)).toBe(true);
  });

  it('pushes with the credentials of ~/.docker/config.json for the registry host', async () => {
    mkdirSync(path.join(root, '.docker'));
    writeFileSync(
      path.join(root, '.docker/config.json'),
      JSON.stringify({ auths: { '127.0.0.1:5000': { auth: Buffer.from('me:pw').toString('base64') } } }),
    );
    const fake = fakeEngine();
    const outcome = await runImage({ ...options, registry: '127.0.0.1:5000/k8s', push: true }, 'kube-proxy', root, deps(fake.engine));
    expect(fake.pushed).toEqual([
      {
        repo: '127.0.0.1:5000/k8s/kube-proxy-amd64',
        tag: 'v1.31.0-alpha.0.6_84c76d1142ea4d',
        registry: '127.0.0.1:5000',
        auth: { serveraddress: '127.0.0.1:5000', username: 'me', password: 'pw' },
        signal: undefined,
      },
    ]);
    expect(outcome.digest).toBe('sha256:' + 'd'.repeat(64));
    expect(logs[1]).toBe(
      `info: Pushed 127.0.0.1:5000/k8s/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d as 127.0.0.1:5000/k8s/kube-proxy-amd64@sha256:${'d'.repeat(64)} (credentials: ${path.join(root, '.docker/config.json')} (127.0.0.1:5000)).`,
    );
  });

  it('fails naming the platform when the build fails, writing nothing', async () => {
    const fake = fakeEngine();
    await expect(runImage(options, 'kube-proxy', root, deps(fake.engine, { runNx: async () => 1 }))).rejects.toThrow(
      new Error(
        'Building kube-proxy for linux/amd64 failed (nx run-many --targets=build --projects=kube-proxy --configuration=linux-amd64 exited with 1); fix the build and run the image target again.',
      ),
    );
    expect(fake.loaded).toEqual([]);
  });

  it('refuses to name an image without a version', async () => {
    const d = deps(fakeEngine().engine, { readVersionInfo: async () => ({ epoch: 0, buildDate: '1970-01-01T00:00:00Z' }) });
    await expect(runImage(options, 'kube-proxy', root, d)).rejects.toThrow(
      new Error(`Cannot tell the image version of ${root}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`),
    );
    expect(calls).toEqual([]);
  });

  it('reports failure through the executor', async () => {
    const context = { root, projectName: 'kube-proxy', cwd: root, isVerbose: false } as unknown as ExecutorContext;
    await expect(imageExecutor({ binaryName: 'kube-proxy', platform: 'windows/amd64' }, context)).resolves.toEqual({ success: false });
  });
});
