/**
 * Shapes real repositories taught the graph, as minimal fixtures driven
 * through the packed plugin and the real nx CLI: a go.work tying two modules
 * (Kubernetes since v1.30), a main at a module root (runc), a module the root
 * also vendors, and a nested module with its own vendor/ (podman's test/tools).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { installInto, localNx, localNxOk, packOnce } from './support/pack';
import { checkout, commitAll, lines } from './support/checkout';
import { git, removeDir } from './support/workspace';


function setUp(fixture: string): string {
  const ws = checkout(fixture);
  installInto(ws);
  localNxOk(ws, ['g', 'nx-kube-build:init', '--no-interactive']);
  commitAll(ws, 'add nx-kube-build');
  return ws;
}

/** Binaries a one-line change to `file` affects, after committing it. */
function affectedBy(ws: string, file: string): string[] {
  fs.appendFileSync(path.join(ws, file), '\n// touched\n');
  commitAll(ws, `touch ${file}`);
  return lines(localNxOk(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--projects', 'tag:go:binary']).stdout);
}

function edges(ws: string): string[] {
  const file = path.join(os.tmpdir(), `nkb-edges-${process.pid}.json`);
  try {
    localNxOk(ws, ['graph', `--file=${file}`]);
    const deps = JSON.parse(fs.readFileSync(file, 'utf8')).graph.dependencies as Record<string, { target: string }[]>;
    return Object.entries(deps).flatMap(([s, l]) => l.map((e) => `${s} -> ${e.target}`)).sort();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const verify = (ws: string): string =>
  execFileSync(process.execPath, [path.join(ws, 'node_modules/nx-kube-build/dist/plugin/cli.js'), 'verify'], { cwd: ws, encoding: 'utf8' });

describe('real-repository shapes', () => {
  beforeAll(() => {
    packOnce();
  });

  describe('gowork-repo: modules a and b tied by go.work, no replace directives', () => {
    let ws: string;
    beforeAll(() => {
      ws = setUp('gowork-repo');
    });
    afterAll(() => removeDir(ws));

    it('init needs no --moduleDir and the graph has the cross-module edge', () => {
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary']).stdout)).toEqual(['app', 'tool']);
      expect(edges(ws)).toEqual(['app -> example.com/b/lib']);
    });

    it('verify agrees with go list', () => {
      const out = verify(ws);
      expect(out).toContain('verify: 2 binaries, recall 1.000, precision 1.000');
    });

    it('app builds in the container from the workspace root, go.work in force', () => {
      localNxOk(ws, ['run', 'app:build:linux-amd64']);
      expect(runBinary(path.join(ws, '_output/dockerized/bin/linux/amd64/app'), [])).toBe('hello from b, app');
    });

    it.each([
      ['b/lib/lib.go', ['app']],
      ['b/other/other.go', []],
      ['go.work', ['app', 'tool']],
      ['b/go.mod', ['app', 'tool']],
    ])('a change to %s affects %j', (file, want) => {
      expect(affectedBy(ws, file)).toEqual(want);
    });
  });

  describe('shapes-repo: root main, a module the root also vendors, a nested module with its own vendor/', () => {
    let ws: string;
    beforeAll(() => {
      ws = setUp('shapes-repo');
    });
    afterAll(() => removeDir(ws));

    it('gives every copy of one import path its own project, the root build\'s copy the plain name', () => {
      expect(lines(localNxOk(ws, ['show', 'projects']).stdout)).toEqual([
        'api:example.com/x/api',
        'example.com/x/api',
        'github.com/fsnotify/fsnotify',
        'lint',
        'rootmain',
        'tools',
        'tools:github.com/fsnotify/fsnotify',
      ]);
      expect(edges(ws)).toEqual([
        'lint -> tools:github.com/fsnotify/fsnotify',
        'rootmain -> example.com/x/api',
        'rootmain -> github.com/fsnotify/fsnotify',
      ]);
    });

    it('the root main is one project with the binary\'s and the module\'s targets', () => {
      const p = JSON.parse(localNxOk(ws, ['show', 'project', 'rootmain', '--json']).stdout);
      expect(p.root).toBe('.');
      expect(p.tags).toEqual(expect.arrayContaining(['go:binary', 'go:module']));
      expect(Object.keys(p.targets)).toEqual(expect.arrayContaining(['build', 'cross', 'build-image', 'release']));
    });

    it('verify agrees with go list', () => {
      expect(verify(ws)).toContain('verify: 2 binaries, recall 1.000, precision 1.000');
    });

    it('builds the root main and the nested module\'s binary, each against its own vendor/', () => {
      localNxOk(ws, ['run-many', '-t', 'build', '-c', 'linux-amd64', '-p', 'rootmain,lint']);
      expect(runBinary(path.join(ws, '_output/dockerized/bin/linux/amd64/rootmain'), [])).toBe('rootmain v1.9.0 fsnotify v1.0.0');
      expect(runBinary(path.join(ws, 'tools/_output/dockerized/bin/linux/amd64/lint'), [])).toBe('lint fsnotify v1.1.0');
    });

    it.each([
      ['api/api.go', []],
      ['vendor/example.com/x/api/api.go', ['rootmain']],
      ['tools/vendor/github.com/fsnotify/fsnotify/fsnotify.go', ['lint']],
      ['vendor/github.com/fsnotify/fsnotify/fsnotify.go', ['rootmain']],
    ])('a change to %s affects %j', (file, want) => {
      expect(affectedBy(ws, file)).toEqual(want);
    });
  });

  describe('constraints-repo: a darwin-only helper, a main with a linux-only package, /build/ ignored by git', () => {
    let ws: string;
    let initOutput: string;
    const project = (name: string) => JSON.parse(localNxOk(ws, ['show', 'project', name, '--json']).stdout);
    const bin = (p: string, name: string) => path.join(ws, '_output/dockerized/bin', p, name);
    beforeAll(() => {
      ws = checkout('constraints-repo');
      installInto(ws);
      initOutput = localNxOk(ws, ['g', 'nx-kube-build:init', '--no-interactive']).output;
      commitAll(ws, 'add nx-kube-build');
    });
    afterAll(() => removeDir(ws));

    it('init writes the build image definition where git tracks it and commits it with git add -A', () => {
      expect(initOutput).toContain('build/build-image/Dockerfile is ignored by git (.gitignore:1: /build/)');
      expect(lines(git(ws, 'ls-files', 'build-image', 'build'))).toEqual(['build-image/Dockerfile']);
    });

    it('gives each binary the configurations its build constraints allow, and says what was dropped', () => {
      const configs = (name: string) => Object.keys(project(name).targets.build.configurations).sort();
      expect(configs('mac-helper')).toEqual(['darwin-arm64']);
      expect(configs('memfd-bind')).toEqual(['linux-amd64', 'linux-arm64']);
      expect(configs('tool')).toEqual(['darwin-arm64', 'linux-amd64', 'linux-arm64', 'windows-amd64']);
      expect(project('memfd-bind').targets.build.metadata.platforms.dropped['windows/amd64']).toBe(
        'build constraints exclude all Go files of example.com/cons/pkg/dmz (imported by example.com/cons/cmd/memfd-bind) on windows/amd64: dmz_linux.go (file name)',
      );
    });

    it('run-many -c linux-amd64 builds the binaries that have it and leaves the darwin-only one alone', () => {
      const r = localNxOk(ws, ['run-many', '-t', 'build', '-c', 'linux-amd64', '--output-style=static']);
      expect(r.output).not.toContain('mac-helper:build:');
      expect(r.output).toContain('mac-helper ran with no configuration: the one asked for is none of its platforms (darwin-arm64), so nothing is built.');
      expect(r.output).toContain('build constraints exclude all Go files of example.com/cons/cmd/mac-helper on linux/amd64: main.go (//go:build darwin)');
      expect(runBinary(bin('linux/amd64', 'memfd-bind'), [])).toBe('memfd-bind dmz');
      expect(runBinary(bin('linux/amd64', 'tool'), [])).toBe('tool unix');
      expect(fs.existsSync(bin('linux/amd64', 'mac-helper'))).toBe(false);
    });

    it('asking for a dropped platform by name fails naming the package and its constraint', () => {
      for (const args of [['run', 'memfd-bind:build:windows-amd64'], ['run', 'memfd-bind:cross']]) {
        const env = args[1].endsWith(':cross') ? { KUBE_BUILD_PLATFORMS: 'linux/amd64 windows/amd64' } : {};
        const r = localNx(ws, args, env);
        expect(r.code).not.toBe(0);
        expect(r.output).toContain('build constraints exclude all Go files of example.com/cons/pkg/dmz (imported by example.com/cons/cmd/memfd-bind) on windows/amd64');
      }
    });

    it('cross builds exactly the platforms the constraints allow', () => {
      const r = localNxOk(ws, ['run', 'memfd-bind:cross', '--output-style=static']);
      expect([...r.output.matchAll(/memfd-bind:build:(\S+)/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort()).toEqual([
        'linux-amd64',
        'linux-arm64',
      ]);
      expect(fs.existsSync(bin('linux/arm64', 'memfd-bind'))).toBe(true);
    });

    it('a change to an assembly file rebuilds the binary', () => {
      localNxOk(ws, ['run', 'tool:build:linux-amd64']);
      fs.appendFileSync(path.join(ws, 'pkg/portable/nop_amd64.s'), '// touched\n');
      commitAll(ws, 'touch nop_amd64.s');
      const rebuilt = localNxOk(ws, ['run', 'tool:build:linux-amd64', '--output-style=static']);
      expect(rebuilt.output).not.toMatch(/local cache|remote cache|existing outputs match/);
      expect(runBinary(bin('linux/amd64', 'tool'), [])).toBe('tool unix');
    });

    it('a change to an embedded file rebuilds the binary with the new bytes', () => {
      localNxOk(ws, ['run', 'tool:build:linux-amd64']);
      fs.writeFileSync(path.join(ws, 'pkg/portable/banner.txt'), 'portable banner v2\n');
      commitAll(ws, 'edit banner.txt');
      const rebuilt = localNxOk(ws, ['run', 'tool:build:linux-amd64', '--output-style=static']);
      expect(rebuilt.output).not.toMatch(/local cache|remote cache|existing outputs match/);
      expect(runBinary(bin('linux/amd64', 'tool'), ['banner'])).toBe('portable banner v2');
    });

    it('a build image definition git ignores is still a build input', () => {
      fs.appendFileSync(path.join(ws, '.gitignore'), 'build-image/\n');
      git(ws, 'rm', '-q', '--cached', 'build-image/Dockerfile');
      commitAll(ws, 'ignore the build image definition');
      localNxOk(ws, ['run', 'tool:build:linux-amd64']);
      const cached = localNxOk(ws, ['run', 'tool:build:linux-amd64', '--output-style=static']);
      expect(cached.output).toMatch(/local cache|remote cache|existing outputs match/);
      fs.appendFileSync(path.join(ws, 'build-image/Dockerfile'), 'LABEL io.nx-kube-build.e2e="edited"\n');
      const rebuilt = localNxOk(ws, ['run', 'tool:build:linux-amd64', '--output-style=static']);
      expect(rebuilt.output).not.toMatch(/local cache|remote cache|existing outputs match/);
    });
  });
});
