import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { countingContainers, docker } from './support/docker';
import { nx, nxOk } from './support/nx';
import * as tarStream from 'tar-stream';
import { copySample, git, removeDir, samplePluginOptions } from './support/workspace';

const VERSION = 'v1.31.0-alpha.0';
const TAG = `registry.k8s.io/kube-proxy-amd64:${VERSION}`;
const IMAGE_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubectl'];
/** Debian's docker-registry on PATH, installed by scripts/prereqs.sh. */
const registryBin = (): string | undefined =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((d) => path.join(d, 'docker-registry'))
    .find((f) => fs.existsSync(f));

/** Runs an image to completion with no network; returns its stdout. */
async function runImage(image: string, args: string[] = []): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: args, Tty: false, HostConfig: { NetworkMode: 'none' } });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    docker.modem.demuxStream(stream, out, new PassThrough());
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    await new Promise((r) => setTimeout(r, 200));
    expect(StatusCode).toBe(0);
    return Buffer.concat(chunks).toString('utf8').trim();
  } finally {
    await container.remove({ force: true });
  }
}

async function removeImage(name: string): Promise<void> {
  await docker
    .getImage(name)
    .remove({ force: true })
    .catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 404) throw e;
    });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const answers = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });

/** Debian's docker-registry serving http on 127.0.0.1 with storage in a temp dir. */
async function startRegistry(): Promise<{ host: string; proc: ChildProcess; dir: string }> {
  const bin = registryBin();
  if (!bin) throw new Error('docker-registry is not on PATH: run scripts/prereqs.sh, which installs the Debian package docker-registry.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-registry-'));
  const host = `127.0.0.1:${await freePort()}`;
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    'http:',
    `  addr: ${host}`,
    '  secret: nx-kube-build-e2e',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'config.yml'), config);
  const proc = spawn(bin, ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers(`http://${host}/v2/`)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(`http://${host}/v2/`))) throw new Error(`docker-registry did not answer on ${host}.`);
  return { host, proc, dir };
}

async function pull(ref: string): Promise<void> {
  const stream = (await docker.pull(ref)) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

/** A one-layer base image in the engine holding /etc/base, imported from a tar made here: no registry, no docker build. */
async function importBase(ref: string, content: string): Promise<string> {
  const pack = tarStream.pack();
  pack.entry({ name: 'etc/base', mode: 0o644, mtime: new Date(0) }, content);
  pack.finalize();
  const [repo, tag] = ref.split(':');
  const stream = (await docker.importImage(pack as unknown as NodeJS.ReadableStream, { repo, tag })) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
  const info = await docker.getImage(ref).inspect();
  expect(info.RootFS.Layers).toHaveLength(1);
  return (info.RootFS.Layers as string[])[0];
}

describe('image: build/lib/release.sh images on a copy of workspace/', () => {
  let ws: string;
  let registry: Awaited<ReturnType<typeof startRegistry>> | undefined;
  /** Images to remove at the end besides the tags: what was pulled by digest. */
  const pulledRefs: string[] = [];
  const out = (arch: string, file: string) => path.join(ws, '_output/release-images', arch, file);
  const tags = (registryHost = 'registry.k8s.io') => IMAGE_BINARIES.map((b) => `${registryHost}/${b}-amd64:${VERSION}`);

  beforeAll(() => {
    ws = copySample('image');
  });
  afterAll(async () => {
    registry?.proc.kill('SIGTERM');
    if (registry) fs.rmSync(registry.dir, { recursive: true, force: true });
    for (const t of [...tags(), ...(registry ? tags(registry.host) : []), ...pulledRefs]) await removeImage(t);
    removeDir(ws);
  });

  it('kube-proxy:image:linux-amd64 loads a runnable image with the platform, labels and time of the commit', async () => {
    nxOk(ws, ['run', 'kube-proxy:image:linux-amd64']);
    expect(fs.readFileSync(out('amd64', 'kube-proxy.docker_tag'), 'utf8')).toBe(`${VERSION}\n`);
    const info = await docker.getImage(TAG).inspect();
    expect(info).toMatchObject({
      Os: 'linux',
      Architecture: 'amd64',
      Created: '2024-05-01T12:00:00Z',
      RepoTags: [TAG],
    });
    expect(info.Config.Entrypoint).toEqual(['/usr/local/bin/kube-proxy']);
    expect(info.Config.Labels).toEqual({
      'org.opencontainers.image.version': VERSION,
      'org.opencontainers.image.revision': git(ws, 'rev-parse', 'HEAD'),
    });
    expect(info.RootFS.Layers).toHaveLength(1);
    expect(await runImage(TAG)).toBe('kube-proxy');
    expect(await runImage(TAG, ['--version'])).toBe(`Kubernetes ${VERSION}`);
  });

  it('rebuilt from nothing, gives the same image ID and a byte-identical archive without rebuilding the binary', async () => {
    const id = (await docker.getImage(TAG).inspect()).Id;
    const bytes = fs.readFileSync(out('amd64', 'kube-proxy.tar'));
    fs.rmSync(path.join(ws, '_output/release-images'), { recursive: true });
    await removeImage(TAG);
    const { created } = await countingContainers(() => nxOk(ws, ['run', 'kube-proxy:image:linux-amd64', '--skip-nx-cache']), ws);
    expect(created).toEqual([]);
    expect((await docker.getImage(TAG).inspect()).Id).toBe(id);
    expect(fs.readFileSync(out('amd64', 'kube-proxy.tar')).equals(bytes)).toBe(true);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('KUBE_DOCKER_IMAGE_TAG is the tag of the image and of its .docker_tag file', async () => {
    const custom = 'registry.k8s.io/kube-proxy-amd64:ci-e2e-1';
    try {
      nxOk(ws, ['run', 'kube-proxy:image:linux-amd64'], { KUBE_DOCKER_IMAGE_TAG: 'ci-e2e-1' });
      expect((await docker.getImage(custom).inspect()).Config.Labels['org.opencontainers.image.version']).toBe(VERSION);
      expect(fs.readFileSync(out('amd64', 'kube-proxy.docker_tag'), 'utf8')).toBe('ci-e2e-1\n');
    } finally {
      await removeImage(custom);
      nxOk(ws, ['run', 'kube-proxy:image:linux-amd64']);
    }
  });

  it('nx run-many -t image -c linux-amd64 builds every image binary alone (quick-release-images)', async () => {
    nxOk(ws, ['run-many', '-t', 'image', '-c', 'linux-amd64', '--parallel=5']);
    expect(fs.readdirSync(path.join(ws, '_output/release-images/amd64')).sort()).toEqual(
      IMAGE_BINARIES.flatMap((b) => [`${b}.docker_tag`, `${b}.tar`]).sort(),
    );
    for (const t of tags()) expect((await docker.getImage(t).inspect()).Config.Labels['org.opencontainers.image.version']).toBe(VERSION);
    expect(await runImage(`registry.k8s.io/kubectl-amd64:${VERSION}`)).toBe('kubectl');
  });

  it('pushes to a registry on 127.0.0.1 and pulls the same image back by digest', async () => {
    registry = await startRegistry();
    const id = (await docker.getImage(TAG).inspect()).Id;
    const r = nxOk(ws, ['run', 'kube-proxy:image:linux-amd64', `--registry=${registry.host}`, '--push', '--skip-nx-cache']);
    const repo = `${registry.host}/kube-proxy-amd64`;
    const digest = new RegExp(`Pushed ${repo}:${VERSION} as ${repo}@(sha256:[0-9a-f]{64})`).exec(r.output)?.[1];
    expect(digest).toBeDefined();
    // Gone from the engine under every name, then back from the registry alone.
    await removeImage(id);
    await expect(docker.getImage(`${repo}:${VERSION}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
    pulledRefs.push(`${repo}@${digest}`);
    await pull(`${repo}@${digest}`);
    const pulled = await docker.getImage(`${repo}@${digest}`).inspect();
    expect(pulled.Id).toBe(id);
    expect(await runImage(`${repo}@${digest}`)).toBe('kube-proxy');
  });

  it('fails a push to a registry that does not answer with one sentence naming it', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const r = nx(ws, ['run', 'kube-proxy:image:linux-amd64', `--registry=${dead}`, '--push', '--skip-nx-cache']);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(
      new RegExp(`Pushing ${dead}/kube-proxy-amd64:${VERSION} to registry ${dead} failed \\(.*connection refused\\); check that ${dead} is reachable`),
    );
    await removeImage(`${dead}/kube-proxy-amd64:${VERSION}`);
  });

  it('baseImages gives kube-proxy its own base (a docker-archive), else the "*" one (an engine image), and hashes the archive', async () => {
    const iptables = 'nkb-e2e-base-iptables:1';
    const runner = 'nkb-e2e-base-go-runner:1';
    // The edits below make the tree dirty, and the tag says so: read it from the .docker_tag file.
    const proxyRef = () => `registry.k8s.io/kube-proxy-amd64:${fs.readFileSync(out('amd64', 'kube-proxy.docker_tag'), 'utf8').trim()}`;
    const withBases = (baseImages: Record<string, string>) => {
      const nxJson = JSON.parse(fs.readFileSync(path.join(ws, 'nx.json'), 'utf8'));
      nxJson.plugins[0].options = { ...samplePluginOptions(), baseImages };
      fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify(nxJson, null, 2));
    };
    const built: string[] = [];
    try {
      const iptablesLayer = await importBase(iptables, 'distroless-iptables\n');
      const runnerLayer = await importBase(runner, 'go-runner\n');
      fs.mkdirSync(path.join(ws, 'build/bases'), { recursive: true });
      const saved = (await docker.getImage(iptables).get()) as NodeJS.ReadableStream;
      await new Promise<void>((resolve, reject) => saved.pipe(fs.createWriteStream(path.join(ws, 'build/bases/iptables.tar'))).on('finish', resolve).on('error', reject));
      // Only the archive holds kube-proxy's base from here on.
      await removeImage(iptables);
      withBases({ 'kube-proxy': 'build/bases/iptables.tar', '*': runner });
      nxOk(ws, ['run', 'kube-proxy:image:linux-amd64']);
      built.push(proxyRef());
      expect(built[0]).toMatch(/-dirty$/);
      const layers = async () => (await docker.getImage(proxyRef()).inspect()).RootFS.Layers;
      expect(await layers()).toEqual([iptablesLayer, expect.stringMatching(/^sha256:/)]);
      expect(await runImage(proxyRef())).toBe('kube-proxy');
      // The archive is an input: another file there is another image, never the cached one.
      fs.writeFileSync(path.join(ws, 'build/bases/iptables.tar'), 'not an archive');
      const r = nx(ws, ['run', 'kube-proxy:image:linux-amd64']);
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/base image archive build\/bases\/iptables\.tar (is not a readable docker-archive|has no manifest\.json)/);
      // Without its own key, kube-proxy takes "*".
      withBases({ kubectl: 'build/bases/iptables.tar', '*': runner });
      nxOk(ws, ['run', 'kube-proxy:image:linux-amd64']);
      expect(await layers()).toEqual([runnerLayer, expect.stringMatching(/^sha256:/)]);
    } finally {
      for (const name of [iptables, runner, ...built]) await removeImage(name);
    }
  });
});
