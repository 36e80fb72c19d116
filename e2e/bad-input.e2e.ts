import * as fs from 'fs';
import * as path from 'path';
import { binaryKind, runBinary, sha256 } from './support/binaries';
import { NxResult, nx, nxOk } from './support/nx';
import { causeLine, outDir } from './support/sample';
import { Tally, orphanContainers } from './support/tally';
import { copySample, git, removeDir } from './support/workspace';

const tally = new Tally('bad-input');
const workspaces: string[] = [];

const write = (ws: string, rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  fs.writeFileSync(path.join(ws, rel), text);
};

afterAll(async () => {
  tally.orphans((await orphanContainers(workspaces)).length);
  console.log(tally.finish());
  for (const ws of workspaces) removeDir(ws);
});

describe('bad input fails with one line naming the cause and leaves the built kubelet intact', () => {
  let ws: string;
  let built: { sha: string; mtime: number };
  const kubelet = () => path.join(outDir(ws), 'kubelet');
  const state = () => ({ sha: sha256(kubelet()), mtime: fs.statSync(kubelet()).mtimeMs });

  beforeAll(() => {
    ws = copySample('bad-input');
    workspaces.push(ws);
    nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
    built = state();
  });

  // Every case edits the tree; put it back to the commit, keeping ignored _output/ and .nx/.
  afterEach(() => {
    git(ws, 'checkout', '-q', '--', '.');
    git(ws, 'clean', '-fdq');
  });

  /** Runs nx, asserts a non-zero exit, the cause line, and that kubelet and its folder are as built; the case counts as a bad input tried. */
  const rejects = (args: string[], cause: RegExp, env: NodeJS.ProcessEnv = {}): NxResult => {
    tally.badInput();
    const r = nx(ws, args, env);
    causeLine(r, cause);
    expect(r.code).not.toBe(0);
    expect(state()).toEqual(built);
    expect(fs.readdirSync(outDir(ws))).toEqual(['kubelet']);
    return r;
  };
  const build = ['run', 'kubelet:build:linux-amd64'];

  it('an unknown configuration names the configurations there are', () => {
    rejects(['run', 'kubelet:build:linux-mips'], /Configuration "linux-mips" does not exist for kubelet:build: use one of linux-amd64, linux-arm64, /);
  });

  it.each([
    [['build', 'kubelet', '-c', 'linux-mips'], /Configuration "linux-mips" does not exist for kubelet:build: use one of linux-amd64, /],
    [['build', 'kubelet', '--configuration=linux-mips'], /Configuration "linux-mips" does not exist for kubelet:build: use one of linux-amd64, /],
    [['run-many', '-t', 'build', '-c', 'linux-mips', '-p', 'kubelet'], /Configuration "linux-mips" does not exist for build of any project run-many selects: use one of .*linux-amd64/],
    [['run-many', '--targets=build', '--configuration=linux-mips'], /Configuration "linux-mips" does not exist for build of any project run-many selects/],
    [['affected', '-t', 'build', '-c', 'linux-mips', '--files=pkg/kubelet/kubelet.go'], /Configuration "linux-mips" does not exist for build of any project affected selects/],
  ])('an unknown configuration is refused from every command: nx %j', (args, cause) => {
    rejects(args, cause);
  });

  it('run-many -c with a platform some selected binaries lack names them and how to leave them out, never building their default', () => {
    rejects(
      ['run-many', '-t', 'build', '-c', 'windows-amd64', '-p', 'kubelet', 'kube-apiserver'],
      /-c windows-amd64 is not a configuration of 1 selected task\(s\), which Nx would run for their default configuration instead: kube-apiserver:build \(its configurations are linux-amd64, .*\)\. Leave them out with --exclude=kube-apiserver, or choose projects with -p\./,
    );
  });

  it('a --platform the binary has no configuration for is refused, not written to the linux/amd64 path', () => {
    rejects([...build, '--platform=darwin/arm64'], /platform "darwin\/arm64" is not a platform of kubelet:build: run one of its configurations linux-amd64, /);
  });

  it('a --platform that contradicts the configuration is refused', () => {
    rejects([...build, '--platform=linux/arm64'], /platform "linux\/arm64" does not match configuration linux-amd64 of kubelet:build: run kubelet:build:linux-arm64 instead/);
  });

  it('KUBE_BUILD_PLATFORMS that leaves cross no platform is an error, never a silent success', () => {
    rejects(['run', 'kubelet:cross'], /KUBE_BUILD_PLATFORMS="darwin\/arm64" leaves no platform for kubelet: it supports linux\/amd64, linux\/arm64, /, {
      KUBE_BUILD_PLATFORMS: 'darwin/arm64',
    });
  });

  it('KUBE_BUILD_PLATFORMS with a platform Go does not know names it', () => {
    rejects(['run', 'kubelet:cross'], /KUBE_BUILD_PLATFORMS="linux\/mips99": "linux\/mips99" is not a Go platform: write it as <os>\/<arch>/, {
      KUBE_BUILD_PLATFORMS: 'linux/mips99',
    });
  });

  it('DOCKER_HOST pointing at nothing names the address and how to start the engine', () => {
    rejects([...build, '--skip-nx-cache'], /Cannot reach the Docker Engine at unix:\/\/\/nonexistent\.sock: connect ENOENT\. Start it/, {
      DOCKER_HOST: 'unix:///nonexistent.sock',
    });
  });

  it('no image definition names the Dockerfile path', () => {
    fs.rmSync(path.join(ws, 'build/build-image/Dockerfile'));
    rejects([...build, '--skip-nx-cache'], /No Dockerfile at build\/build-image\/Dockerfile: create the build image definition there, or set the dockerfile or image option\./);
  });

  it('an image option naming a missing image says no registry is pulled from', () => {
    rejects([...build, '--image=kube-build:does-not-exist'], /Image kube-build:does-not-exist does not exist in the Docker Engine at unix:\/\/\/var\/run\/docker\.sock: build or load it there first/);
  });

  it('a toolchain older than go.mod names both versions', () => {
    const file = path.join(ws, 'go.mod');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^go 1\.\d+$/m, 'go 1.99'));
    rejects(build, /The kube-build image has Go 1\.\d+(\.\d+)? but go\.mod requires go 1\.99 \(nothing is downloaded: GOTOOLCHAIN=local\): install Go 1\.99 on the host and put it first on PATH/);
  });

  it('a malformed go.mod names the file and line', () => {
    write(ws, 'go.mod', 'module k8s.io/kubernetes\n\ngo 1.19\n\nrequire (\n\tk8s.io/api v0.0.0\n');
    rejects(build, /go\.mod:5: unterminated require block/);
  });

  it('a malformed vendor/modules.txt names the file, line and text', () => {
    fs.appendFileSync(path.join(ws, 'vendor/modules.txt'), '# sigs.k8s.io/yaml\n');
    rejects(build, /vendor\/modules\.txt:\d+: malformed module line "# sigs\.k8s\.io\/yaml"/);
  });

  it('a Go syntax error in an import block: the graph warns and go names file, line and column', () => {
    write(ws, 'pkg/kubelet/zz_broken.go', 'package kubelet\n\nimport (\n\t"fmt\n)\n');
    const r = rejects(build, /pkg\/kubelet\/zz_broken\.go:4:2: string literal not terminated/);
    causeLine(r, /Cannot parse pkg\/kubelet\/zz_broken\.go: line 4: newline in string/);
  });

  it('an import cycle is reported by go, and the graph with the cycle still loads', () => {
    write(ws, 'pkg/cyclea/a.go', 'package cyclea\n\nimport _ "k8s.io/kubernetes/pkg/cycleb"\n');
    write(ws, 'pkg/cycleb/b.go', 'package cycleb\n\nimport _ "k8s.io/kubernetes/pkg/cyclea"\n');
    write(ws, 'pkg/kubelet/zz_cycle.go', 'package kubelet\n\nimport _ "k8s.io/kubernetes/pkg/cyclea"\n');
    rejects(build, /imports k8s\.io\/kubernetes\/pkg\/cycle[ab]: import cycle not allowed/);
  });

  it('an import that resolves nowhere: the graph names it and go fails on it', () => {
    write(ws, 'pkg/kubelet/zz_missing.go', 'package kubelet\n\nimport _ "k8s.io/nonexistent/pkg"\n');
    const r = rejects(build, /1 import resolves to nothing in the tree .* pkg\/kubelet\/zz_missing\.go imports "k8s\.io\/nonexistent\/pkg"/);
    causeLine(r, /pkg\/kubelet\/zz_missing\.go:3:8: cannot find package/);
  });

  it('two binaries with one name point at the names option', () => {
    write(ws, 'tools/cmd/kubelet/main.go', 'package main\n\nfunc main() {}\n');
    rejects(build, /Two Go binaries are named "kubelet": cmd\/kubelet and tools\/cmd\/kubelet\. Rename one with the plugin option "names"/);
  });

  it('a main option escaping the workspace is refused', () => {
    rejects([...build, '--main=../../etc'], /main "\.\.\/\.\.\/etc" points outside the workspace: use a package of the module/);
  });

  it('an output path outside _output/ is refused', () => {
    rejects([...build, '--outputPath=cmd/kubelet/kubelet'], /outputPath "cmd\/kubelet\/kubelet" is outside _output\/: build outputs go under it, e\.g\. _output\/dockerized\/bin\/linux\/amd64\/kubelet\./);
    expect(fs.existsSync(path.join(ws, 'cmd/kubelet/kubelet'))).toBe(false);
  });

  it('an absolute output path is refused', () => {
    rejects([...build, '--outputPath=/tmp/kubelet-escaped'], /outputPath "\/tmp\/kubelet-escaped" is absolute: use a path relative to the workspace root\./);
    expect(fs.existsSync('/tmp/kubelet-escaped')).toBe(false);
  });
});

describe('odd but valid trees build, in a workspace whose path has a space and non-ASCII', () => {
  let ws: string;
  const kubelet = () => path.join(outDir(ws), 'kubelet');

  beforeAll(() => {
    ws = copySample('odd tree é');
    workspaces.push(ws);
    fs.symlinkSync('.', path.join(ws, 'pkg/loop'));
    write(ws, 'pkg/util/hash/héllo.go', 'package hash\n\n// Accented lives in a file whose name is not ASCII.\nconst Accented = "héllo"\n');
    write(ws, 'pkg/util/hash/with space.go', 'package hash\n\n// Spaced lives in a file whose name has a space.\nconst Spaced = "with space"\n');
    write(ws, 'cmd/kubelet/zz_names.go', 'package main\n\nimport "k8s.io/kubernetes/pkg/util/hash"\n\nvar names = hash.Accented + hash.Spaced\n');
    write(ws, 'cmd/empty/README.md', 'Nothing to build here.\n');
    write(ws, 'cmd/onlytests/main_test.go', 'package main\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'odd tree');
    git(ws, 'tag', '-f', 'v1.31.0-alpha.0');
  });

  it('the graph loads despite a symlink loop, warns once about it, and makes no project of empty or test-only cmd dirs', () => {
    const r = nxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary']);
    expect(r.output.split('nx-kube-build: Symlink loop at pkg/loop (points to pkg), skipped.').length - 1).toBe(1);
    const binaries = r.stdout.split('\n').filter(Boolean).sort();
    expect(binaries).toContain('kubelet');
    expect(binaries.filter((b) => /empty|onlytests|loop/.test(b))).toEqual([]);
    const all = nxOk(ws, ['show', 'projects']).stdout.split('\n').filter(Boolean);
    expect(all.filter((p) => /cmd\/empty|pkg\/loop/.test(p))).toEqual([]);
    const onlytests = JSON.parse(nxOk(ws, ['show', 'project', 'k8s.io/kubernetes/cmd/onlytests', '--json']).stdout);
    expect(onlytests.tags).toEqual(['go:package']);
    expect(Object.keys(onlytests.targets)).toEqual(['test']);
    tally.validTree();
  });

  it('kubelet builds with its imports in files named with a space and non-ASCII', () => {
    nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
    expect(binaryKind(kubelet())).toBe('ELF x86-64');
    expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
    expect(fs.readdirSync(outDir(ws))).toEqual(['kubelet']);
    tally.validTree();
  });

  it('a change to the non-ASCII file is an input of kubelet: it rebuilds', () => {
    const before = sha256(kubelet());
    fs.appendFileSync(path.join(ws, 'pkg/util/hash/héllo.go'), '\n// edited\n');
    const r = nxOk(ws, ['run', 'kubelet:build:linux-amd64']);
    expect(r.output).not.toMatch(/existing outputs match the cache|local cache/);
    expect(r.output).toContain('Built _output/dockerized/bin/linux/amd64/kubelet');
    // The tree is dirty now, and the stamp says so.
    expect(sha256(kubelet())).not.toBe(before);
    expect(runBinary(kubelet(), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0-dirty');
    tally.validTree();
  });
});
