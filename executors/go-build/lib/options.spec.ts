import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { GoBuildExecutorOptions } from '../types';
import { mainPackageDir, normalizeBuildOptions } from './options';

describe('normalizeBuildOptions', () => {
  let ws: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };

  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-opts-'));
    write('workspace/go.mod', 'module k8s.io/kubernetes\n\ngo 1.19\n');
    write('workspace/cmd/kubelet/kubelet.go', 'package main\n');
    write('workspace/cmd/onlytests/x_test.go', 'package main\n');
    write('workspace/cmd/docs/README.md', 'docs\n');
    write('workspace/staging/src/k8s.io/kube-aggregator/main.go', 'package main\n');
    write('workspace/vendor/modules.txt', '# k8s.io/kube-aggregator v0.0.0 => ./staging/src/k8s.io/kube-aggregator\n');
    fs.mkdirSync(path.join(ws, 'workspace/vendor/k8s.io'), { recursive: true });
    fs.symlinkSync('../../staging/src/k8s.io/kube-aggregator', path.join(ws, 'workspace/vendor/k8s.io/kube-aggregator'), 'dir');
    write('nomod/main.go', 'package main\n');
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  const opts = (over: Partial<GoBuildExecutorOptions> = {}): GoBuildExecutorOptions => ({
    moduleRoot: 'workspace',
    main: './cmd/kubelet',
    ...over,
  });

  it('fills defaults from the module and platform', () => {
    const o = normalizeBuildOptions(opts({ platform: 'windows/amd64' }), ws);
    expect(o).toMatchObject({
      moduleRoot: 'workspace',
      moduleDir: path.join(ws, 'workspace'),
      modulePath: 'k8s.io/kubernetes',
      platform: { os: 'windows', arch: 'amd64' },
      binaryName: 'kubelet',
      fileName: 'kubelet.exe',
      outputPath: path.join(ws, 'workspace/_output/dockerized/bin/windows/amd64/kubelet.exe'),
      cgo: false,
      trimpath: true,
      debug: false,
      mode: 'docker',
      dockerfile: 'build/build-image/Dockerfile',
      network: 'none',
      cacheVolume: `nx-kube-build-gocache-${process.getuid!()}`,
      versionPackages: [],
      vendored: true,
    });
  });

  it('DBG=1, or --debug, is golang.sh\'s debug build: no -trimpath, whatever trimpath says', () => {
    const saved = process.env.DBG;
    try {
      process.env.DBG = '1';
      expect(normalizeBuildOptions(opts({ platform: 'linux/amd64' }), ws)).toMatchObject({ debug: true, trimpath: false });
      process.env.DBG = '0';
      expect(normalizeBuildOptions(opts({ platform: 'linux/amd64' }), ws)).toMatchObject({ debug: false, trimpath: true });
      delete process.env.DBG;
      expect(normalizeBuildOptions(opts({ platform: 'linux/amd64', debug: true, trimpath: true }), ws)).toMatchObject({ debug: true, trimpath: false });
    } finally {
      if (saved === undefined) delete process.env.DBG;
      else process.env.DBG = saved;
    }
  });

  it('refuses a versionPackages entry mapping an unknown kind, naming it', () => {
    expect(() => normalizeBuildOptions(opts({ versionPackages: [{ package: 'main', vars: { sha: 'GitSHA' } as never }] }), ws)).toThrow(
      'versionPackages entry "main" maps unknown kind "sha"',
    );
  });

  it('syncs sources automatically unless told to copy or mount, and keeps the engines option as given', () => {
    expect(normalizeBuildOptions(opts(), ws)).toMatchObject({ sync: 'auto', engines: undefined });
    expect(normalizeBuildOptions(opts({ sync: 'copy', engines: ['tcp://b:2376|/c'] }), ws)).toMatchObject({
      sync: 'copy',
      engines: ['tcp://b:2376|/c'],
    });
  });

  it('decides cgo as golang.sh does and stops a cgo build the cgo image has no compiler for, or a bad cgoPackages name', () => {
    const o = (over: Partial<GoBuildExecutorOptions>, env: NodeJS.ProcessEnv = {}) => normalizeBuildOptions(opts(over), ws, env);
    expect(o({ cgo: true, cgoPackages: ['libseccomp-dev'], cgoPlatforms: ['linux/arm64'] })).toMatchObject({
      cgo: true,
      cgoPackages: ['libseccomp-dev'],
      cgoPlatforms: [{ os: 'linux', arch: 'arm64' }],
    });
    expect(o({ cgo: true }, { KUBE_STATIC_OVERRIDES: 'kubelet' }).cgo).toBe(false);
    expect(o({}, { KUBE_CGO_OVERRIDES: 'kubelet' }).cgo).toBe(true);
    expect(() => o({ cgo: true, platform: 'darwin/arm64' })).toThrow('kubelet is built with cgo for darwin/arm64, but the cgo image has C compilers only for');
    expect(() => o({ platform: 'darwin/arm64' }, { KUBE_CGO_OVERRIDES: 'kubelet' })).toThrow('kubelet is built with cgo for darwin/arm64');
    expect(o({ cgo: true, platform: 'darwin/arm64', image: 'my/osxcross' }).cgo).toBe(true);
    expect(() => o({ cgoPackages: ['Bad_Name'] })).toThrow('cgoPackages entry "Bad_Name" is not a Debian package name');
  });

  it('takes a folder with only tests as a test binary, named and placed as it says', () => {
    const o = normalizeBuildOptions(opts({ main: './cmd/onlytests', testBinary: true, binaryName: 'onlytests.test', platform: 'linux/amd64' }), ws);
    expect(o).toMatchObject({ testBinary: true, fileName: 'onlytests.test', outputPath: path.join(ws, 'workspace/_output/dockerized/bin/linux/amd64/onlytests.test') });
    expect(normalizeBuildOptions(opts(), ws).testBinary).toBe(false);
  });

  it('uses localOutputPath, or _output/local, in host mode', () => {
    expect(normalizeBuildOptions(opts({ mode: 'host' }), ws).outputPath).toBe(
      path.join(ws, 'workspace/_output/local/bin/linux/amd64/kubelet'),
    );
    expect(
      normalizeBuildOptions(opts({ mode: 'host', localOutputPath: 'workspace/_output/local/k' }), ws).outputPath,
    ).toBe(path.join(ws, 'workspace/_output/local/k'));
  });

  it('accepts an import path resolved through vendor/', () => {
    const o = normalizeBuildOptions(opts({ main: 'k8s.io/kube-aggregator' }), ws);
    expect(o.binaryName).toBe('kube-aggregator');
  });

  it.each<[string, Partial<GoBuildExecutorOptions>, string]>([
    [
      'a module outside the workspace',
      { moduleRoot: '../elsewhere' },
      'moduleRoot "../elsewhere" points outside the workspace: use a path relative to the workspace root.',
    ],
    [
      'an absolute module root',
      { moduleRoot: '/src/kubernetes' },
      'moduleRoot "/src/kubernetes" is absolute: use a path relative to the workspace root.',
    ],
    [
      'a folder without go.mod',
      { moduleRoot: 'nomod', main: '.' },
      'No go.mod in moduleRoot "nomod": set moduleRoot to the workspace-relative folder that holds the module\'s go.mod (or the go.work).',
    ],
    ['an unknown mode', { mode: 'podman' as 'host' }, 'mode "podman" is not supported: use "docker" or "host".'],
    [
      'a main folder without Go files',
      { main: './cmd/docs' },
      'main "./cmd/docs" has no .go files in workspace/cmd/docs: point main at a package directory, e.g. "./cmd/kubelet".',
    ],
    [
      'a main folder with only tests',
      { main: './cmd/onlytests' },
      'main "./cmd/onlytests" has no .go files in workspace/cmd/onlytests: point main at a package directory, e.g. "./cmd/kubelet".',
    ],
    [
      'a test binary of a folder without tests',
      { main: './cmd/kubelet', testBinary: true, binaryName: 'kubelet.test' },
      'main "./cmd/kubelet" has no _test.go files in workspace/cmd/kubelet, so go test -c would build nothing: point main at a test package, e.g. "./test/e2e", or drop testBinary.',
    ],
    [
      'a main folder that does not exist',
      { main: './cmd/nope' },
      'main "./cmd/nope" has no .go files in workspace/cmd/nope: point main at a package directory, e.g. "./cmd/kubelet".',
    ],
    [
      'a main climbing out of the workspace',
      { main: '../../../etc' },
      'main "../../../etc" points outside the workspace: use a package of the module, e.g. "./cmd/kubelet".',
    ],
    ['no main', { main: ' ' }, 'main is required: set it to the package to build, e.g. "./cmd/kubelet".'],
    [
      'an output outside _output',
      { outputPath: 'workspace/bin/kubelet' },
      'outputPath "workspace/bin/kubelet" is outside workspace/_output/: build outputs go under it, e.g. workspace/_output/dockerized/bin/linux/amd64/kubelet.',
    ],
    [
      'an output that is _output itself',
      { outputPath: 'workspace/_output' },
      'outputPath "workspace/_output" is outside workspace/_output/: build outputs go under it, e.g. workspace/_output/dockerized/bin/linux/amd64/kubelet.',
    ],
    [
      'an output escaping through ..',
      { outputPath: 'workspace/_output/../../kubelet' },
      'outputPath "workspace/_output/../../kubelet" is outside workspace/_output/: build outputs go under it, e.g. workspace/_output/dockerized/bin/linux/amd64/kubelet.',
    ],
    [
      'a host-mode output outside _output',
      { mode: 'host', localOutputPath: 'out/kubelet' },
      'localOutputPath "out/kubelet" is outside workspace/_output/: build outputs go under it, e.g. workspace/_output/dockerized/bin/linux/amd64/kubelet.',
    ],
    ['an unknown sync mode', { sync: 'rsync' as 'copy' }, 'sync "rsync" is not supported: use "auto", "copy", "mount".'],
  ])('rejects %s', (_name, over, message) => {
    expect(() => normalizeBuildOptions(opts(over), ws)).toThrow(message);
  });

  it.each(['linux/amd65', 'linux', 'linux-amd64-v3', 'Linux/AMD64'])('rejects platform %s, listing the valid ones', (platform) => {
    expect(() => normalizeBuildOptions(opts({ platform }), ws)).toThrow(
      new RegExp(`^"${platform}" is not a Go platform: write it as <os>/<arch>, one of .*linux/amd64, .*windows/amd64`),
    );
  });

  it.each([
    ['linux/arm64', 'linux', 'arm64'],
    ['darwin/arm64', 'darwin', 'arm64'],
    ['windows/386', 'windows', '386'],
  ])('parses platform %s', (platform, os_, arch) => {
    expect(normalizeBuildOptions(opts({ platform }), ws).platform).toEqual({ os: os_, arch });
  });
});

describe('mainPackageDir', () => {
  it.each([
    ['./cmd/kubelet', '/m/cmd/kubelet'],
    ['.', '/m'],
    ['k8s.io/kubernetes', '/m'],
    ['k8s.io/kubernetes/cmd/kubectl', '/m/cmd/kubectl'],
    ['github.com/other/tool', undefined],
  ])('%s → %s', (main, want) => {
    expect(mainPackageDir('/m', 'k8s.io/kubernetes', main)).toBe(want);
  });
});
