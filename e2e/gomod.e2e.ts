/**
 * A module without vendor/ (most Go repos): its dependency comes from a module
 * proxy this test writes (GOPROXY=file:///...), `mod-download` fills the
 * module-cache volume once, and the builds compile from it read-only with no
 * network. Then the volume pruned, a half-filled volume, an unknown version
 * and a toolchain line newer than the image.
 */
import { execFileSync, spawnSync } from 'child_process';
import Docker from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { checkout, commitAll } from './support/checkout';
import { containerPrefix, docker, kubeBuildContainers, nowSeconds } from './support/docker';
import { publishModule } from './support/goproxy';
import { nx, nxOk } from './support/nx';
import { removeDir, stagedNodeModules } from './support/workspace';

const GREET = 'example.test/greet';

/** The host go (the one the build image is assembled from), never downloading anything. */
function hostGo(cwd: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync('go', args, { cwd, encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', ...env } });
}

/** Container name → the networks it was connected to, for containers created between two instants. */
async function networksOfContainers(since: number, until: number): Promise<Map<string, string[]>> {
  const stream = (await docker.getEvents({ since, until } as Docker.GetEventsOptions)) as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  const events = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const names = new Map<string, string>();
  for (const e of events) if (e.Type === 'container' && e.Action === 'create') names.set(e.Actor.ID, e.Actor.Attributes.name);
  const out = new Map<string, string[]>([...names.values()].map((n) => [n, []]));
  for (const e of events) {
    const name = e.Type === 'network' && e.Action === 'connect' ? names.get(e.Actor.Attributes.container) : undefined;
    if (name) out.get(name)!.push(e.Actor.Attributes.name);
  }
  return out;
}

/** Runs nx and returns it with the networks of the containers it created (of this workspace). */
async function nxWatched(ws: string, args: string[], env: NodeJS.ProcessEnv) {
  await new Promise((r) => setTimeout(r, 1100));
  const since = nowSeconds();
  const r = nx(ws, args, env);
  await new Promise((r2) => setTimeout(r2, 1100));
  const all = await networksOfContainers(since, nowSeconds());
  const mine = new Map([...all].filter(([n]) => n.startsWith(containerPrefix(ws))));
  return { r, containers: mine };
}

const volumeOf = (output: string): string => {
  const m = /into volume (nx-kube-build-gomod-[0-9a-f]{16})/.exec(output) ?? /Module cache volume (nx-kube-build-gomod-[0-9a-f]{16})/.exec(output);
  if (!m) throw new Error(`no module cache volume named in:\n${output}`);
  return m[1];
};

const removeVolume = (name: string): void => void spawnSync('docker', ['volume', 'rm', '-f', name]);

describe('a module without vendor/: mod-download and offline builds', () => {
  let ws: string;
  let proxy: string;
  let env: NodeJS.ProcessEnv;
  const volumes = new Set<string>();

  beforeAll(() => {
    proxy = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-goproxy-'));
    publishModule(proxy, GREET, 'v1.0.0', {
      'go.mod': `module ${GREET}\n\ngo 1.19\n`,
      'greet.go': 'package greet\n\n// Hello greets who.\nfunc Hello(who string) string { return "greet v1.0.0 says " + who }\n',
    });
    env = { GOPROXY: `file://${proxy}`, GONOSUMDB: 'example.test' };
    ws = checkout('gomod-repo');
    // go.sum as the go command writes it, from the proxy, in a module cache of its own.
    const modcache = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-modcache-'));
    const goEnv = { ...env, GOFLAGS: '-mod=mod', GOMODCACHE: modcache, GOSUMDB: 'off' };
    try {
      hostGo(ws, ['mod', 'tidy'], goEnv);
    } finally {
      hostGo(ws, ['clean', '-modcache'], goEnv);
      fs.rmSync(modcache, { recursive: true, force: true });
    }
    fs.symlinkSync(stagedNodeModules(), path.join(ws, 'node_modules'));
    // The proxy is a folder mounted into the download, so any network serves; host (not the default bridge) shows
    // the option reaching the container, and that the builds still get none.
    const plugin = { plugin: 'nx-kube-build', options: { downloadNetwork: 'host' } };
    fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify({ cacheDirectory: '.nx/cache', plugins: [plugin] }, null, 2));
    fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'gomod-repo', private: true }));
    fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
    commitAll(ws, 'go.sum and nx');
  });

  afterAll(async () => {
    for (const v of volumes) removeVolume(v);
    removeDir(ws);
    removeDir(proxy);
  });

  it('infers mod-download on the module, and build depends on it', () => {
    const hello = JSON.parse(nxOk(ws, ['show', 'project', 'hello', '--json']).stdout);
    expect(hello.targets.build.dependsOn).toContainEqual({ target: 'mod-download', projects: ['hello-module'], params: 'ignore' });
    expect(hello.targets.build.options).toMatchObject({ network: 'none', downloadNetwork: 'host' });
  });

  it('a cold run-many -t build downloads once, builds both binaries (one batch container) from the volume with no network, and they run', async () => {
    const { r, containers } = await nxWatched(ws, ['run-many', '-t', 'build', '--output-style=static'], env);
    if (r.output.includes('into volume')) volumes.add(volumeOf(r.output));
    if (r.code !== 0) throw new Error(r.output);
    const volume = volumeOf(r.output);
    expect(r.output).toContain('> nx run hello-module:mod-download');
    expect(r.output.match(/go mod download {2}\(in /g)).toHaveLength(1);
    // The batch that builds both finds the volume complete and reuses it; each task's output says so.
    expect(r.output.match(new RegExp(`Module cache volume ${volume} is complete`, 'g'))).toHaveLength(2);
    const downloads = [...containers.keys()].filter((n) => /-gomod-[0-9a-f]{16}$/.test(n));
    expect(downloads).toHaveLength(1);
    expect(containers.get(downloads[0])).toEqual(['host']);
    const builds = [...containers.keys()].filter((n) => /-batch-linux-amd64-[0-9a-f]{12}$/.test(n));
    expect(builds).toHaveLength(1);
    expect(containers.get(builds[0])).toEqual(['none']);
    expect([...containers.keys()].filter((n) => !/-gomod-|-batch-/.test(n))).toEqual([]);
    for (const b of ['hello', 'bye']) expect(runBinary(path.join(ws, `_output/dockerized/bin/linux/amd64/${b}`), [])).toBe(`greet v1.0.0 says ${b}`);
    const inspect = JSON.parse(execFileSync('docker', ['volume', 'inspect', volume], { encoding: 'utf8' }))[0];
    expect(inspect.Labels).toMatchObject({ 'io.nx-kube-build.managed': 'true' });
    expect(await kubeBuildContainers(ws)).toEqual([]);
  });

  it('go test runs from the same volume with no network, mod-download a cache hit', async () => {
    const { r, containers } = await nxWatched(ws, ['run', 'hello:test', '--output-style=static'], env);
    if (r.code !== 0) throw new Error(r.output);
    expect(r.output).toMatch(/nx run hello-module:mod-download +\[existing outputs match the cache/);
    expect(r.output).toMatch(/ok\s+example\.com\/hello\/cmd\/hello/);
    const test = [...containers.keys()].filter((n) => /-hello-test-[0-9a-f]{12}$/.test(n));
    expect(test.map((n) => containers.get(n))).toEqual([['none']]);
  });

  it('a pruned volume is filled again, saying why, although Nx restored mod-download from its cache', () => {
    const volume = [...volumes][0];
    removeVolume(volume);
    // A new build of hello; mod-download's inputs are unchanged, so Nx restores it from its cache.
    fs.appendFileSync(path.join(ws, 'cmd/hello/main.go'), '\n// touched\n');
    const r = nxOk(ws, ['run', 'hello:build', '--output-style=static'], env);
    expect(r.output).toMatch(/nx run hello-module:mod-download +\[existing outputs match the cache/);
    const build = r.output.slice(r.output.indexOf('> nx run hello:build'));
    expect(build).toContain(`Module cache volume ${volume} of . is not on unix:///var/run/docker.sock (not filled yet, pruned, or another engine): running go mod download to fill it`);
    expect(build.match(/go mod download {2}\(in /g)).toHaveLength(1);
  });

  it('a volume without the completion marker (a killed download) is never taken as complete', () => {
    const volume = [...volumes][0];
    removeVolume(volume);
    execFileSync('docker', ['volume', 'create', volume]);
    fs.appendFileSync(path.join(ws, 'cmd/hello/main.go'), '\n// touched again\n');
    const r = nxOk(ws, ['run', 'hello:build', '--output-style=static'], env);
    expect(r.output).toContain(`Module cache volume ${volume} has no completion marker (a download was interrupted): running go mod download again`);
    expect(runBinary(path.join(ws, '_output/dockerized/bin/linux/amd64/hello'), [])).toBe('greet v1.0.0 says hello');
  });

  it('an unknown version fails naming the module, the version and the proxy, and leaves no container', async () => {
    const file = path.join(ws, 'go.mod');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, before.replace('v1.0.0', 'v1.9.9'));
    try {
      const r = nx(ws, ['run', 'hello:build', '--output-style=static'], env);
      volumes.add(volumeOf(r.output));
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(
        new RegExp(`go mod download in \\. failed \\(exit 1\\) with GOPROXY=file://${proxy}: go: ${GREET}@v1\\.9\\.9: [^\\n]*: fix that requirement in go\\.mod`),
      );
      expect(await kubeBuildContainers(ws)).toEqual([]);
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it('a go.work context downloads in the workspace and builds in workspace mode', () => {
    const work = path.join(ws, 'go.work');
    fs.writeFileSync(work, 'go 1.19\n\nuse .\n');
    try {
      const r = nx(ws, ['run-many', '-t', 'build', '--output-style=static'], env);
      if (r.output.includes('into volume')) volumes.add(volumeOf(r.output));
      if (r.code !== 0) throw new Error(r.output);
      expect(r.output.match(/go mod download {2}\(in /g)).toHaveLength(1);
      expect(r.output).toMatch(/container kube-build-\w+-gomod-[0-9a-f]{16}, into volume/);
      for (const b of ['hello', 'bye']) expect(runBinary(path.join(ws, `_output/dockerized/bin/linux/amd64/${b}`), [])).toBe(`greet v1.0.0 says ${b}`);
    } finally {
      fs.rmSync(work);
    }
  });

  it('a toolchain line newer than the image says so with both versions before anything runs in it', () => {
    const file = path.join(ws, 'go.mod');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, before.replace('go 1.19\n', 'go 1.19\n\ntoolchain go1.99.1\n'));
    try {
      const r = nx(ws, ['run', 'hello:build', '--output-style=static'], env);
      if (r.output.includes('into volume')) volumes.add(volumeOf(r.output));
      const imageGo = hostGo(ws, ['env', 'GOVERSION'], {}).trim().replace(/^go/, '');
      const warning = `go.mod asks for toolchain go1.99.1 but the kube-build image has Go ${imageGo}, so the build uses Go ${imageGo}`;
      expect(r.output).toContain(warning);
      expect(r.output.indexOf(warning)).toBeLessThan(r.output.indexOf('go mod download  (in'));
      // Go before 1.21 cannot read the line at all: its own words, not ours, say so.
      if (/^1\.(1\d|20)\./.test(imageGo)) expect(r.output).toContain('unknown directive: toolchain');
    } finally {
      fs.writeFileSync(file, before);
    }
  });
});
