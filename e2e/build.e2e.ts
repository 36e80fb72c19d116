import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { binaryKind, runBinary, sha256 } from './support/binaries';
import { countingContainers, docker, kubeBuildContainers } from './support/docker';
import { nx, nxOk } from './support/nx';
import { CLI_BIN } from './support/paths';
import { copySample, git, removeDir } from './support/workspace';

const out = (ws: string, os: string, arch: string, name: string) => path.join(ws, '_output/dockerized/bin', os, arch, name);

describe('go-build: kubelet in the kube-build container', () => {
  let ws: string;
  const kubelet = () => out(ws, 'linux', 'amd64', 'kubelet');
  beforeAll(() => {
    ws = copySample('build');
  });
  afterAll(() => removeDir(ws));

  it('builds an x86-64 ELF that runs and prints the stamped version', () => {
    nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(runBinary(kubelet(), [])).toBe('kubelet');
    expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
    const raw = JSON.parse(runBinary(kubelet(), ['--version=raw']));
    expect(raw).toMatchObject({
      gitVersion: 'v1.31.0-alpha.0',
      gitCommit: git(ws, 'rev-parse', 'HEAD'),
      gitTreeState: 'clean',
      buildDate: '2024-05-01T12:00:00Z',
      major: '1',
      minor: '31+',
    });
  });

  it('builds linux-arm64 as an aarch64 ELF and windows-amd64 as a PE kubelet.exe', () => {
    nxOk(ws, ['run', 'kubelet:build:linux-arm64']);
    expect(binaryKind(out(ws, 'linux', 'arm64', 'kubelet'))).toBe('ELF aarch64');
    nxOk(ws, ['run', 'kubelet:build:windows-amd64']);
    expect(binaryKind(out(ws, 'windows', 'amd64', 'kubelet.exe'))).toBe('PE x86-64');
  });

  it('cross takes built platforms from the cache and builds only the missing one', async () => {
    const env = { KUBE_BUILD_PLATFORMS: 'linux/amd64 linux/arm64 windows/amd64 linux/s390x' };
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:cross'], env), ws);
    expect(created).toEqual([expect.stringMatching(/-kubelet-linux-s390x-[0-9a-f]{12}$/)]);
    expect(result.output).toMatch(/linux\/s390x/);
    expect(binaryKind(out(ws, 'linux', 's390x', 'kubelet'))).toBe('ELF s390');
    // One nested task runner for all four platforms, not one nx per platform.
    expect(result.output.match(/Successfully ran target build for project kubelet/g)).toHaveLength(1);
    expect(result.output).toMatch(/linux\/amd64 +ok \(cache\)\n +linux\/arm64 +ok \(cache\)\n +linux\/s390x +ok\n +windows\/amd64 +ok \(cache\)\n/);
  });

  it('a platform cross built is its own build task\'s cache entry: nx run kubelet:build:linux-s390x is a hit', async () => {
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-s390x']), ws);
    expect(result.output).toMatch(/kubelet:build:linux-s390x +\[(existing outputs match the cache, left as is|local cache)\]/);
    expect(created).toEqual([]);
  });

  it('host mode builds with the host go into _output/local, and never shares a cache entry with the container build', async () => {
    // A main of the runtime alone keeps the host's cold Go cache cheap; removed after, so the tree is clean again.
    const dir = path.join(ws, 'cmd/hello');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() { println("hello from the host") }\n');
    const local = path.join(ws, '_output/local/bin/linux/amd64/hello');
    const cached = /existing outputs match the cache|local cache/;
    try {
      const host = await countingContainers(() => nxOk(ws, ['run', 'hello:build:linux-amd64', '--mode=host']), ws);
      expect(host.result.output).not.toMatch(cached);
      expect(host.created).toEqual([]);
      expect(binaryKind(local)).toBe('ELF x86-64');
      expect(spawnSync(local, { encoding: 'utf8' }).stderr).toBe('hello from the host\n');
      expect(fs.existsSync(out(ws, 'linux', 'amd64', 'hello'))).toBe(false);
      // The container build is not restored from the host build's entry: it runs, in a container.
      const inEngine = await countingContainers(() => nxOk(ws, ['run', 'hello:build:linux-amd64']), ws);
      expect(inEngine.result.output).not.toMatch(cached);
      expect(inEngine.created).toEqual([expect.stringMatching(/-hello-linux-amd64-[0-9a-f]{12}$/)]);
      expect(binaryKind(out(ws, 'linux', 'amd64', 'hello'))).toBe('ELF x86-64');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DBG=1 builds as golang.sh does: DWARF and symbols kept, -N -l, no -trimpath, as its own cache entry', () => {
    const dir = path.join(ws, 'cmd/dbg');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() { println("debug me") }\n');
    const bin = out(ws, 'linux', 'amd64', 'dbg');
    const settings = () => execFileSync('go', ['version', '-m', bin], { encoding: 'utf8' });
    try {
      nxOk(ws, ['run', 'dbg:build:linux-amd64']);
      expect(execFileSync('file', [bin], { encoding: 'utf8' })).toMatch(/, stripped/);
      expect(settings()).toContain('-trimpath=true');
      const debug = nxOk(ws, ['run', 'dbg:build:linux-amd64', '--output-style=static'], { DBG: '1' });
      expect(debug.output).not.toMatch(/existing outputs match the cache|local cache/);
      expect(execFileSync('file', [bin], { encoding: 'utf8' })).toMatch(/with debug_info, not stripped/);
      expect(settings()).toMatch(/-gcflags="?all=-N -l/);
      expect(settings()).not.toContain('-trimpath=true');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('KUBE_GIT_VERSION_FILE stamps the facts it holds instead of git\'s, and is part of the cache key', () => {
    const file = '_output/version.env';
    execFileSync(process.execPath, [CLI_BIN, 'version', '--file', file], { cwd: ws, encoding: 'utf8' });
    const written = fs.readFileSync(path.join(ws, file), 'utf8');
    expect(written).toContain("KUBE_GIT_VERSION='v1.31.0-alpha.0'");
    fs.writeFileSync(path.join(ws, file), written.replace("KUBE_GIT_VERSION='v1.31.0-alpha.0'", "KUBE_GIT_VERSION='v1.31.7'"));
    const r = nxOk(ws, ['run', 'kubelet:build:linux-amd64', '--output-style=static'], { KUBE_GIT_VERSION_FILE: file });
    expect(r.output).not.toMatch(/existing outputs match the cache|local cache/);
    expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.7');
    // Without it, git's facts again: the earlier entry comes back.
    nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
    expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
    fs.rmSync(path.join(ws, file));
  });

  it('leaves no kube-build container behind', async () => {
    expect(await kubeBuildContainers(ws)).toEqual([]);
  });

  it('a second identical run is a cache hit that starts no container', async () => {
    const before = sha256(kubelet());
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-amd64']), ws);
    expect(result.output).toMatch(/existing outputs match the cache|local cache/);
    expect(created).toEqual([]);
    expect(sha256(kubelet())).toBe(before);
  });

  it('restores the binary from the cache after _output is deleted', async () => {
    const before = sha256(kubelet());
    fs.rmSync(path.join(ws, '_output'), { recursive: true, force: true });
    const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-amd64']), ws);
    expect(result.output).toContain('local cache');
    expect(created).toEqual([]);
    expect(sha256(kubelet())).toBe(before);
  });

  describe('in a dirty tree', () => {
    beforeAll(() => {
      // Stamping reads the tree state, so make it dirty once; later edits keep it dirty.
      fs.appendFileSync(path.join(ws, 'README.md'), '\nlocal notes\n');
      nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
      expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0-dirty');
    });

    it('editing a package only kubectl imports leaves kubelet a cache hit', async () => {
      fs.appendFileSync(path.join(ws, 'pkg/kubectl/describe/describe.go'), '\n// edited\n');
      const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-amd64']), ws);
      expect(result.output).toMatch(/existing outputs match the cache|local cache/);
      expect(created).toEqual([]);
    });

    it('editing a package kubelet imports rebuilds it', async () => {
      fs.appendFileSync(path.join(ws, 'pkg/kubelet/eviction/eviction_manager.go'), '\n// edited\n');
      const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'kubelet:build:linux-amd64']), ws);
      expect(result.output).not.toMatch(/existing outputs match the cache|local cache/);
      expect(created.length).toBe(1);
      expect(created[0]).toMatch(/^kube-build-.*kubelet-linux-amd64-[0-9a-f]{12}$/);
    });

    describe('e2e.test, go test -c of test/e2e (testBinaries)', () => {
      const e2e = () => out(ws, 'linux', 'amd64', 'e2e.test');
      const listed = () => runBinary(e2e(), ['-test.list', '.*']).split('\n').sort();

      it('is an executable Go test binary that lists the tests of the package, stamped like any binary', () => {
        nxOk(ws, ['run', 'e2e.test:build:linux-amd64']);
        expect(binaryKind(e2e())).toBe('ELF x86-64');
        // The test functions of workspace/test/e2e: e2e_test.go (package e2e) and conformance_test.go (package e2e_test).
        expect(listed()).toEqual(['TestBuildVersion', 'TestConformanceNodeLifecycle', 'TestE2E']);
        expect(runBinary(e2e(), ['-test.run', '^TestBuildVersion$', '-test.v'])).toContain('gitVersion v1.31.0-alpha.0-dirty');
      });

      it('is rebuilt by a change to a package only its tests import', async () => {
        // test/e2e/framework: no binary imports it, only the tests of test/e2e do.
        fs.appendFileSync(path.join(ws, 'test/e2e/framework/framework.go'), '\n// edited\n');
        const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'e2e.test:build:linux-amd64']), ws);
        expect(result.output).not.toMatch(/existing outputs match the cache|local cache/);
        expect(created).toEqual([expect.stringMatching(/-e2e\.test-linux-amd64-[0-9a-f]{12}$/)]);
      });
    });

    it('a compile error fails with the compiler message and leaves the previous binary untouched', () => {
      const before = sha256(kubelet());
      const mtime = fs.statSync(kubelet()).mtimeMs;
      const file = path.join(ws, 'pkg/kubelet/eviction/eviction_manager.go');
      const good = fs.readFileSync(file, 'utf8');
      fs.appendFileSync(file, '\nfunc broken( {\n');
      try {
        const r = nx(ws, ['run', 'kubelet:build:linux-amd64']);
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(/eviction_manager\.go:\d+:\d+: syntax error/);
        expect(sha256(kubelet())).toBe(before);
        expect(fs.statSync(kubelet()).mtimeMs).toBe(mtime);
        expect(fs.readdirSync(path.dirname(kubelet())).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      } finally {
        fs.writeFileSync(file, good);
      }
    });
  });

  it('a build from an empty Go cache is byte-identical to one from a warm cache', async () => {
    git(ws, 'checkout', '-q', '--', '.');
    fs.rmSync(path.join(ws, '_output'), { recursive: true, force: true });
    nxOk(ws, ['run', 'kube-proxy:build:linux-amd64', '--skip-nx-cache']);
    const warm = sha256(out(ws, 'linux', 'amd64', 'kube-proxy'));
    const volume = 'nkb-e2e-repro';
    await docker.getVolume(volume).remove().catch(() => undefined);
    try {
      fs.rmSync(path.join(ws, '_output'), { recursive: true, force: true });
      nxOk(ws, ['run', 'kube-proxy:build:linux-amd64', '--skip-nx-cache', `--cacheVolume=${volume}`]);
      expect(sha256(out(ws, 'linux', 'amd64', 'kube-proxy'))).toBe(warm);
    } finally {
      await docker.getVolume(volume).remove().catch(() => undefined);
    }
  });

  describe('a generate target (make generated_files) before the build', () => {
    const GEN = [
      'package main',
      '',
      'import (',
      '\t"os"',
      '\t"path/filepath"',
      '\t"strings"',
      ')',
      '',
      '// Writes the file hack/gen/out.txt names: a Go package greeter imports.',
      'func main() {',
      '\tb, err := os.ReadFile("hack/gen/out.txt")',
      '\tif err != nil {',
      '\t\tpanic(err)',
      '\t}',
      '\tout := strings.TrimSpace(string(b))',
      '\tsrc := "package generated\\n\\nconst Greeting = \\"hello from the generator\\"\\n"',
      '\tif err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {',
      '\t\tpanic(err)',
      '\t}',
      '\tif err := os.WriteFile(out, []byte(src), 0o644); err != nil {',
      '\t\tpanic(err)',
      '\t}',
      '}',
      '',
    ].join('\n');
    const generated = () => path.join(ws, 'pkg/generated/zz_generated.go');
    const greeter = () => out(ws, 'linux', 'amd64', 'greeter');
    beforeAll(() => {
      git(ws, 'checkout', '-q', '--', '.');
      const write = (f: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(ws, f)), { recursive: true });
        fs.writeFileSync(path.join(ws, f), text);
      };
      write('hack/gen/main.go', GEN);
      write('hack/gen/out.txt', 'pkg/generated/zz_generated.go\n');
      write('cmd/greeter/main.go', 'package main\n\nimport "k8s.io/kubernetes/pkg/generated"\n\nfunc main() { println(generated.Greeting) }\n');
      const nxJson = JSON.parse(fs.readFileSync(path.join(ws, 'nx.json'), 'utf8'));
      nxJson.plugins[0].options.generate = { command: ['go', 'run', './hack/gen'], outputs: ['pkg/generated'] };
      write('nx.json', JSON.stringify(nxJson, null, 2));
      write('.gitignore', 'node_modules\n_output/\n.nx/\npkg/generated/\n');
      git(ws, 'add', '-A');
      git(ws, 'commit', '-q', '-m', 'a generator');
    });

    it('runs the generator first, so a binary importing the generated package builds', () => {
      const r = nxOk(ws, ['run', 'greeter:build']);
      const at = (task: string) => r.output.indexOf(`nx run ${task}`);
      expect(at('kubernetes:generate')).toBeGreaterThanOrEqual(0);
      expect(at('kubernetes:generate')).toBeLessThan(at('greeter:build'));
      expect(fs.readFileSync(generated(), 'utf8')).toBe('package generated\n\nconst Greeting = "hello from the generator"\n');
      // println writes to stderr.
      expect(spawnSync(greeter(), [], { encoding: 'utf8' }).stderr).toBe('hello from the generator\n');
    });

    it('a cache hit restores the generated files and starts no container', async () => {
      const bytes = fs.readFileSync(generated());
      fs.rmSync(path.join(ws, 'pkg/generated'), { recursive: true });
      fs.rmSync(greeter());
      const { result, created } = await countingContainers(() => nxOk(ws, ['run', 'greeter:build']), ws);
      expect(result.output).toMatch(/nx run kubernetes:generate\s+\[(local|existing outputs match the) cache/);
      expect(created).toEqual([]);
      expect(fs.readFileSync(generated()).equals(bytes)).toBe(true);
      expect(fs.existsSync(greeter())).toBe(true);
    });

    it('a write outside the output dirs fails on the read-only source, writes nothing and leaves no container', async () => {
      fs.writeFileSync(path.join(ws, 'hack/gen/out.txt'), 'pkg/escape.go\n');
      const r = nx(ws, ['run', 'kubernetes:generate']);
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/open pkg\/escape\.go: read-only file system/);
      expect(r.output).toContain('it may write only pkg/generated of . (the rest is read-only)');
      expect(fs.existsSync(path.join(ws, 'pkg/escape.go'))).toBe(false);
      expect(await kubeBuildContainers(ws)).toEqual([]);
    });
  });
});
