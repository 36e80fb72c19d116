/**
 * cgo the Kubernetes way: cgo-repo's cgo-hello (C code linking zlib from
 * cgoPackages) built in the cgo image for linux/amd64 and, with the cross
 * compiler, linux/arm64; static when KUBE_STATIC_OVERRIDES says so; and a
 * binary that needs cgo but is not configured for it failing with what to set.
 * The only suite that makes the cgo image (once: its tag is then in the engine).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { checkout, commitAll } from './support/checkout';
import { countingContainers, kubeBuildContainers } from './support/docker';
import { nx, nxOk } from './support/nx';
import { SAMPLE } from './support/paths';
import { removeDir, stagedNodeModules } from './support/workspace';

const fileSays = (bin: string): string => execFileSync('file', ['-b', bin], { encoding: 'utf8' }).trim();

function setUp(): string {
  const ws = checkout('cgo-repo');
  // The sample's image definition, so the kube-build image global setup made is reused.
  fs.cpSync(path.join(SAMPLE, 'build/build-image'), path.join(ws, 'build/build-image'), { recursive: true });
  fs.symlinkSync(stagedNodeModules(), path.join(ws, 'node_modules'));
  const options = { cgo: ['cgo-hello'], cgoPackages: ['zlib1g-dev'], defaultPlatforms: ['linux/arm64'] };
  const nxJson = { cacheDirectory: '.nx/cache', plugins: [{ plugin: 'nx-kube-build', options }] };
  fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify(nxJson, null, 2));
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'cgo-repo', private: true }));
  fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules\n_output/\n.nx/\n');
  commitAll(ws, 'add nx-kube-build');
  return ws;
}

const rootfsTemps = (): string[] => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('nkb-cgo-rootfs-'));

describe('cgo: the cgo image, cross compilers, KUBE_CGO_OVERRIDES and KUBE_STATIC_OVERRIDES', () => {
  let ws: string;
  const bin = (arch: string, name = 'cgo-hello') => path.join(ws, '_output/dockerized/bin/linux', arch, name);
  const tempsBefore = rootfsTemps();
  beforeAll(() => {
    ws = setUp();
  });
  afterAll(() => removeDir(ws));

  it('gives the cgo binary its cgo options and golang.sh variables as inputs', () => {
    const target = JSON.parse(nxOk(ws, ['show', 'project', 'cgo-hello', '--json']).stdout).targets.build;
    expect(target.options).toMatchObject({ cgo: true, cgoPackages: ['zlib1g-dev'], cgoPlatforms: ['linux/amd64', 'linux/arm64'] });
    expect(target.inputs).toEqual(expect.arrayContaining([{ env: 'KUBE_CGO_OVERRIDES' }, { env: 'KUBE_STATIC_OVERRIDES' }]));
  });

  it('builds linux/amd64 with cgo in the cgo image: a dynamically linked x86-64 ELF that runs its C and zlib', () => {
    const started = Date.now();
    const r = nxOk(ws, ['run', 'cgo-hello:build:linux-amd64']);
    const made = /Built cgo image (\S+) in [^\n]*/.exec(r.output);
    process.stdout.write(`[e2e] cgo-hello linux/amd64 in ${((Date.now() - started) / 1000).toFixed(1)}s; ${made ? made[0] : 'cgo image was up to date'}\n`);
    expect(r.output).toMatch(/cgo image kube-build:cgo-[0-9a-f]{12}|Built cgo image kube-build:cgo-/);
    expect(fileSays(bin('amd64'))).toMatch(/^ELF 64-bit LSB .*x86-64.*dynamically linked/);
    expect(runBinary(bin('amd64'), [])).toMatch(/^2\+3=5 via c, zlib 1\.\d+/);
  });

  it('a change to a C file of the package rebuilds the binary', () => {
    fs.appendFileSync(path.join(ws, 'pkg/cadd/add.c'), '/* touched */\n');
    const r = nxOk(ws, ['run', 'cgo-hello:build:linux-amd64', '--output-style=static']);
    expect(r.output).not.toMatch(/local cache|remote cache|existing outputs match/);
    expect(runBinary(bin('amd64'), [])).toMatch(/^2\+3=5 via c/);
  });

  it('cross-builds linux/arm64 with aarch64-linux-gnu-gcc and the arm64 zlib, in the same image', () => {
    const r = nxOk(ws, ['run', 'cgo-hello:build:linux-arm64']);
    expect(r.output).toMatch(/cgo image kube-build:cgo-[0-9a-f]{12} is up to date/);
    expect(fileSays(bin('arm64'))).toMatch(/^ELF 64-bit LSB .*ARM aarch64.*dynamically linked, interpreter \/lib\/ld-linux-aarch64\.so\.1/);
    expect(fs.readFileSync(bin('arm64')).includes('libz.so.1')).toBe(true);
  });

  it('KUBE_STATIC_OVERRIDES builds it static (CGO_ENABLED=0, the !cgo file), and is part of the cache key', async () => {
    const dynamic = fs.readFileSync(bin('amd64'));
    nxOk(ws, ['run', 'cgo-hello:build:linux-amd64'], { KUBE_STATIC_OVERRIDES: 'other cgo-hello' });
    expect(fileSays(bin('amd64'))).toMatch(/^ELF 64-bit LSB .*x86-64.*statically linked/);
    expect(runBinary(bin('amd64'), [])).toBe('2+3=5 via go');
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'cgo-hello:build:linux-amd64']), ws);
    expect(result.output).toMatch(/existing outputs match the cache|local cache/);
    expect(created).toEqual([]);
    expect(fs.readFileSync(bin('amd64')).equals(dynamic)).toBe(true);
  });

  it('a binary whose package needs cgo fails naming it, the cgo option and KUBE_CGO_OVERRIDES; the override builds it', () => {
    const r = nx(ws, ['run', 'needs-cgo:build:linux-amd64']);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('build constraints exclude all Go files in');
    expect(r.output).toContain(
      'needs-cgo needs cgo: every Go file of pkg/onlyc that builds for linux/amd64 needs cgo (import "C"); add "needs-cgo" to the cgo option of nx-kube-build in nx.json (or set KUBE_CGO_OVERRIDES="needs-cgo")',
    );
    nxOk(ws, ['run', 'needs-cgo:build:linux-amd64'], { KUBE_CGO_OVERRIDES: 'needs-cgo' });
    expect(runBinary(bin('amd64', 'needs-cgo'), [])).toBe('42');
  });

  it('staticBinaries, as golang.sh\'s KUBE_STATIC_BINARIES: the listed binary builds static, every other one with cgo', () => {
    const nxJson = JSON.parse(fs.readFileSync(path.join(ws, 'nx.json'), 'utf8'));
    nxJson.plugins[0].options = { staticBinaries: ['cgo-hello'], cgoPackages: ['zlib1g-dev'], defaultPlatforms: ['linux/arm64'] };
    fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify(nxJson, null, 2));
    nxOk(ws, ['run-many', '-t', 'build', '-c', 'linux-amd64', '-p', 'cgo-hello,needs-cgo']);
    expect(fileSays(bin('amd64'))).toMatch(/^ELF 64-bit LSB .*x86-64.*statically linked/);
    expect(runBinary(bin('amd64'), [])).toBe('2+3=5 via go');
    // needs-cgo is in no list: cgo, with no override.
    expect(fileSays(bin('amd64', 'needs-cgo'))).toMatch(/^ELF 64-bit LSB .*x86-64.*dynamically linked/);
    expect(runBinary(bin('amd64', 'needs-cgo'), [])).toBe('42');
  });

  it('leaves no container and no temporary root filesystem behind', async () => {
    expect(await kubeBuildContainers(ws)).toEqual([]);
    expect(rootfsTemps().filter((n) => !tempsBefore.includes(n))).toEqual([]);
  });
});
