import * as fs from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import type { PushInput } from '../../shared/engine/docker';
import { loadImage, pushImage } from './publish';
import { tempImageStart } from './steps.spec-helpers';

type Temp = Awaited<ReturnType<typeof tempImageStart>>;

describe('loadImage and pushImage', () => {
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  let t: Temp;
  beforeEach(async () => {
    logs.splice(0);
    t = await tempImageStart();
  });
  afterEach(() => t.cleanup());
  const writeArchive = (body: string): void => {
    fs.mkdirSync(path.dirname(t.start.archive), { recursive: true });
    fs.writeFileSync(t.start.archive, body);
  };

  it('loads exactly the archive bytes and returns the ID the engine reports', async () => {
    writeArchive('archive bytes');
    const loaded: string[] = [];
    const engine = {
      loadImage: async (archive: Readable, what: string) => {
        let body = '';
        for await (const c of archive) body += c;
        loaded.push(`${what}: ${body}`);
      },
      inspectImage: async () => ({ id: 'sha256:engine', labels: {}, env: [], size: 1 }),
    };
    await expect(loadImage(t.start, t.ws, engine, { log })).resolves.toBe('sha256:engine');
    expect(loaded).toEqual(['registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d: archive bytes']);
    expect(logs).toEqual([
      'info: Loaded registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d (sha256:engine) from mod/_output/release-images/amd64/kube-proxy.tar.',
    ]);
  });

  it('fails when the engine has no such tag after the load', async () => {
    writeArchive('x');
    const engine = {
      loadImage: async (archive: Readable) => {
        for await (const c of archive) void c;
      },
      inspectImage: async () => undefined,
    };
    await expect(loadImage(t.start, t.ws, engine, { log })).rejects.toThrow(
      new Error(
        'The Docker Engine loaded mod/_output/release-images/amd64/kube-proxy.tar but has no registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d; load it by hand (docker load -i) to see why.',
      ),
    );
  });

  it('pushes to the registry host with the auth option and says where it went', async () => {
    const start = { ...t.start, s: { ...t.start.s, auth: { username: 'me', password: 'pw' } } };
    const pushed: PushInput[] = [];
    const engine = { pushImage: async (p: PushInput) => (pushed.push(p), undefined) };
    await expect(pushImage(start, engine, { env: {}, log })).resolves.toBeUndefined();
    expect(pushed).toEqual([
      {
        repo: 'registry.k8s.io/kube-proxy-amd64',
        tag: 'v1.31.0-alpha.0.6_84c76d1142ea4d',
        registry: 'registry.k8s.io',
        auth: { serveraddress: 'registry.k8s.io', username: 'me', password: 'pw' },
        signal: undefined,
      },
    ]);
    expect(logs).toEqual(['info: Pushed registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0.6_84c76d1142ea4d (credentials: the auth option).']);
  });
});
