import * as path from 'path';
import { cleanupSpecs, gomod, loadSpec } from './load.spec-helpers';
import { goFile } from './go/temp-tree.spec-helpers';
import { compareClosure, parseListOutput, printVerdicts, goListCall, verifyBinaries } from './verify';

afterAll(cleanupSpecs);

const ROOT = '/ws';
const same = (p: string) => p;
const line = (...cols: string[]) => cols.join('\t');

describe('parseListOutput', () => {
  it('reads the tab-separated columns, making dirs workspace-relative and dropping those outside', () => {
    const text = [
      line('fmt', '/usr/lib/go/src/fmt', 'true', 'errors io', 'errors io', ''),
      line('m.io/m/cmd/app', '/ws/cmd/app', 'false', 'fmt m.io/m/pkg/a', 'fmt m.io/m/pkg/a', ''),
      line('x.io/gone', '', 'false', '', '', 'cannot find module providing package x.io/gone'),
      '',
    ].join('\n');
    expect(parseListOutput(text, ROOT, same)).toEqual([
      { importPath: 'fmt', dir: undefined, standard: true, deps: ['errors', 'io'], imports: ['errors', 'io'], error: undefined, files: [] },
      { importPath: 'm.io/m/cmd/app', dir: 'cmd/app', standard: false, deps: ['fmt', 'm.io/m/pkg/a'], imports: ['fmt', 'm.io/m/pkg/a'], error: undefined, files: [] },
      { importPath: 'x.io/gone', dir: undefined, standard: false, deps: [], imports: [], error: 'cannot find module providing package x.io/gone', files: [] },
    ]);
  });
});

describe('compareClosure', () => {
  // app -> a -> b in the tree; the graph misses c (b imports it only in a file the scanner treats as never built).
  const s = loadSpec({
    'go.mod': gomod('m.io/m', '1.22'),
    'cmd/app/main.go': goFile('main', 'm.io/m/pkg/a', 'm.io/m/pkg/extra'),
    'pkg/a/a.go': goFile('a', 'm.io/m/pkg/b'),
    'pkg/b/b.go': goFile('b'),
    'pkg/b/c_linux.go': '//go:build ignore\n\npackage b\n\nimport "m.io/m/pkg/c"\n',
    'pkg/c/c.go': goFile('c'),
    'pkg/extra/extra.go': goFile('extra'),
  });
  const root = s.root;
  const app = s.model.binaries.find((b) => b.name === 'app')!;
  // go compiles app, a, b, c (+fmt, + one unloadable module); not extra (say, build-tagged out on this platform).
  const listing = [
    line('fmt', '/usr/lib/go/src/fmt', 'true', '', '', ''),
    line('m.io/m/pkg/c', path.join(root, 'pkg/c'), 'false', 'fmt', 'fmt', ''),
    line('m.io/m/pkg/b', path.join(root, 'pkg/b'), 'false', 'fmt m.io/m/pkg/c', 'm.io/m/pkg/c', ''),
    line('m.io/m/pkg/a', path.join(root, 'pkg/a'), 'false', 'fmt m.io/m/pkg/b m.io/m/pkg/c', 'm.io/m/pkg/b', ''),
    line('x.io/gone', '', 'false', '', '', 'module lookup disabled by GOPROXY=off'),
    line('m.io/m/cmd/app', path.join(root, 'cmd/app'), 'false', 'fmt m.io/m/pkg/a m.io/m/pkg/b m.io/m/pkg/c x.io/gone', 'm.io/m/pkg/a x.io/gone', ''),
  ].join('\n');

  it('counts recall and precision over in-tree packages, and names the first miss with its importer and file', () => {
    const packages = parseListOutput(listing, s.tree.workspaceRoot as string);
    const v = compareClosure(s.loaded, app, [{ platform: 'linux/amd64', packages }]);
    // truth {app, a, b, c} = 4; graph {app, a, b, extra} = 4; hit {app, a, b} = 3.
    expect(v).toEqual({
      binary: 'app',
      platforms: ['linux/amd64'],
      truth: 4,
      graph: 4,
      hit: 3,
      recall: 0.75,
      precision: 0.75,
      unloaded: 1,
      firstError: 'module lookup disabled by GOPROXY=off',
      missing: { dir: 'pkg/c', importPath: 'm.io/m/pkg/c', importedBy: 'm.io/m/pkg/b' },
      uncovered: [],
    });
    const out: string[] = [];
    expect(printVerdicts([v], (l) => out.push(l))).toBe(1);
    expect(out).toEqual([
      'app (linux/amd64): recall 0.750, precision 0.750 (3 of 4 packages go compiles; the graph has 4)',
      '  missing pkg/c (m.io/m/pkg/c), imported by m.io/m/pkg/b',
      '  1 package(s) outside the tree could not be loaded, not compared; go says: module lookup disabled by GOPROXY=off',
      'verify: 1 binaries, recall 0.750, precision 0.750, 1 with missing packages or files',
    ]);
  });

  it('finds nothing missing when the graph holds all go compiles, and counts the surplus against precision', () => {
    const listing2 = [
      line('m.io/m/pkg/extra', path.join(root, 'pkg/extra'), 'false', '', '', ''),
      line('m.io/m/cmd/app', path.join(root, 'cmd/app'), 'false', 'm.io/m/pkg/extra', 'm.io/m/pkg/extra', ''),
    ].join('\n');
    const v = compareClosure(s.loaded, app, [{ platform: 'linux/amd64', packages: parseListOutput(listing2, s.tree.workspaceRoot as string) }]);
    // truth {app, extra} ⊂ graph {app, a, b, extra}: recall 1, precision 2/4.
    expect(v).toMatchObject({ truth: 2, graph: 4, hit: 2, recall: 1, precision: 0.5 });
    expect(v.missing).toBeUndefined();
  });
});

describe('input files against go list', () => {
  const s = loadSpec({
    'go.mod': gomod('m.io/m', '1.19'),
    'cmd/app/main.go': 'package main\n\nimport (\n\t_ "embed"\n\t_ "m.io/m/pkg/a"\n)\n\n//go:embed banner.txt\nvar banner string\n\nfunc main() {}\n',
    'cmd/app/banner.txt': 'hi\n',
    'pkg/a/a.go': 'package a\n\nfunc Add(x, y int) int\n',
    'pkg/a/add_amd64.s': '#include "textflag.h"\nTEXT ·Add(SB),NOSPLIT,$0-24\n\tRET\n',
    'pkg/a/add_arm64.s': '#include "textflag.h"\nTEXT ·Add(SB),NOSPLIT,$0-24\n\tRET\n',
    'pkg/a/add_other.go': '//go:build !amd64 && !arm64\n\npackage a\n\nfunc Add(x, y int) int { return x + y }\n',
    'pkg/a/doc.txt': 'not read by go\n',
  });
  const app = s.model.binaries.find((b) => b.name === 'app')!;

  it('finds every file go reads among the build inputs, run against the real go list', async () => {
    const [v] = await verifyBinaries(s.loaded, { env: { ...process.env, GOFLAGS: '' }, only: ['app'] });
    expect(v.truth).toBe(2);
    expect(v.uncovered).toEqual([]);
  });

  it('compares main binaries only: a test binary of testBinaries is left out', async () => {
    const t = loadSpec(
      { 'go.mod': gomod('m.io/t', '1.19'), 'cmd/app/main.go': 'package main\n\nfunc main() {}\n', 'test/e2e/e2e_test.go': 'package e2e\n' },
      { testBinaries: ['test/e2e'] },
    );
    expect(t.model.binaries.map((b) => b.name).sort()).toEqual(['app', 'e2e.test']);
    expect((await verifyBinaries(t.loaded, { env: { ...process.env, GOFLAGS: '' } })).map((v) => v.binary)).toEqual(['app']);
  });

  it('names a file go reads that no input covers, and fails', () => {
    const listing = [
      line('m.io/m/pkg/a', path.join(s.root, 'pkg/a'), 'false', '', '', '', 'GoFiles=a.go\x1fSFiles=add_amd64.s\x1fEmbedFiles=gen/table.bin\x1f'),
      line('m.io/m/cmd/app', path.join(s.root, 'cmd/app'), 'false', 'm.io/m/pkg/a', 'm.io/m/pkg/a', '', 'GoFiles=main.go\x1fEmbedFiles=banner.txt\x1f'),
    ].join('\n');
    const v = compareClosure(s.loaded, app, [{ platform: 'linux/amd64', packages: parseListOutput(listing, s.tree.workspaceRoot as string) }]);
    expect(v.uncovered).toEqual([{ dir: 'pkg/a', importPath: 'm.io/m/pkg/a', file: 'gen/table.bin', field: 'EmbedFiles' }]);
    const out: string[] = [];
    expect(printVerdicts([v], (l) => out.push(l))).toBe(1);
    expect(out).toContain('  not a build input: pkg/a/gen/table.bin (go list EmbedFiles of m.io/m/pkg/a): a change to it would restore a stale binary');
  });
});

describe('goListCall', () => {
  it('lists for the platform, tags and cgo of the binaries, with the local toolchain and no download', () => {
    const { env, args } = goListCall({ PATH: '/bin', GOFLAGS: '-mod=vendor' }, { os: 'linux', arch: 'arm64' }, { cgo: true, tags: ['seccomp', 'selinux'], main: '.', mains: ['.', './cmd/x'] });
    expect(env).toEqual({ PATH: '/bin', GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '1', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=vendor', GOPROXY: 'off' });
    expect(args.slice(0, 4)).toEqual(['list', '-e', '-deps', '-tags=seccomp,selinux']);
    expect(args.slice(-2)).toEqual(['.', './cmd/x']);
  });

  it('keeps a GOPROXY the user set, so a connected machine may download', () => {
    expect(goListCall({ GOPROXY: 'http://127.0.0.1:3000' }, { os: 'linux', arch: 'amd64' }, { cgo: false, tags: [], main: '.' }).env.GOPROXY).toBe('http://127.0.0.1:3000');
  });
});
