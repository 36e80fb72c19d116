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
import { installInto, localNxOk, packOnce } from './support/pack';
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
});
