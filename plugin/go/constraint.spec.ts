import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseGoFileHeader } from './scan-file';
import { BuildConfigs, buildableFile, evalConstraint, fileMatches, fileNamePlatform, parseConstraint } from './constraint';
import { scanGoTree } from './tree';

const linuxAmd64: BuildConfigs = { platforms: [{ os: 'linux', arch: 'amd64' }], tags: new Set(), cgo: false };

describe('parseConstraint and evalConstraint', () => {
  const on = (...tags: string[]) => (t: string) => tags.includes(t);
  it.each([
    ['linux', ['linux'], true],
    ['!linux', ['linux'], false],
    ['linux && amd64', ['linux'], false],
    ['a || b && c', ['a'], true], // && binds tighter: a || (b && c)
    ['(a || b) && c', ['a'], false],
    ['!(a || b)', [], true],
    ['a && !b || c', ['c'], true],
  ])('%s with %j is %s', (expr, tags, want) => {
    expect(evalConstraint(parseConstraint(expr), on(...tags))).toBe(want);
  });

  it.each([['linux &&'], ['(linux'], ['linux)'], ['&& linux'], ['']])('rejects %j', (expr) => {
    expect(() => parseConstraint(expr)).toThrow();
  });

  it('quotes a build line with control characters printably', () => {
    expect(() => parseConstraint('linux \u001b[31m')).toThrow(new Error('unexpected \\x1b[31m in "linux \\x1b[31m"'));
  });
});

describe('fileNamePlatform', () => {
  it.each([
    ['x_linux.go', { os: 'linux' }],
    ['x_linux_arm64.go', { os: 'linux', arch: 'arm64' }],
    ['x_arm64.go', { arch: 'arm64' }],
    ['x_windows_test.go', { os: 'windows' }],
    ['linux.go', {}], // the name itself is not a suffix
    ['x_test.go', {}],
    ['foo_bar.go', {}],
    ['zz_generated_linux_amd64.go', { os: 'linux', arch: 'amd64' }],
  ])('%s pins %j', (name, want) => {
    expect(fileNamePlatform(name)).toEqual(want);
  });
});

describe('buildableFile', () => {
  it.each([
    ['a/x.go', undefined, linuxAmd64, true],
    ['a/x_windows.go', undefined, linuxAmd64, false],
    ['a/x_linux.go', 'cgo', linuxAmd64, false],
    ['a/x_linux.go', 'cgo', { ...linuxAmd64, cgo: true }, true],
    ['a/x.go', 'unix', linuxAmd64, true],
    ['a/x.go', 'ignore', linuxAmd64, false],
    ['a/x.go', 'go1.18', linuxAmd64, true],
    ['a/x.go', 'seccomp', linuxAmd64, false],
    ['a/x.go', 'seccomp', { ...linuxAmd64, tags: new Set(['seccomp']) }, true],
    ['a/x.go', '!seccomp', { ...linuxAmd64, tags: new Set(['seccomp']) }, true],
    ['a/x.go', 'darwin || windows', { ...linuxAmd64, platforms: [{ os: 'linux', arch: 'amd64' }, { os: 'windows', arch: 'amd64' }] }, true],
    ['a/x_linux.go', undefined, { ...linuxAmd64, platforms: [{ os: 'android', arch: 'arm64' }] }, true],
  ] as [string, string | undefined, BuildConfigs, boolean][])('%s with %j', (file, expr, cfg, want) => {
    expect(buildableFile(file, expr, cfg)).toBe(want);
  });
});

/** The go command is the judge: which files `go list` picks per platform, against buildableFile for that platform alone. */
describe('buildableFile agrees with go list', () => {
  const files: Record<string, string> = {
    'plain.go': '',
    'x_linux.go': '',
    'x_windows.go': '',
    'x_darwin_arm64.go': '',
    'x_arm64.go': '',
    'unix.go': '//go:build unix',
    'notlinux.go': '//go:build !linux',
    'either.go': '//go:build (linux && arm64) || (windows && amd64)',
    'old.go': '// +build darwin,amd64 linux,386',
    'tagged.go': '//go:build sometag',
    'release.go': '//go:build go1.1',
    'cgo.go': '//go:build cgo && linux',
  };
  const platforms = [
    { os: 'linux', arch: 'amd64' },
    { os: 'linux', arch: 'arm64' },
    { os: 'linux', arch: '386' },
    { os: 'windows', arch: 'amd64' },
    { os: 'darwin', arch: 'arm64' },
    { os: 'darwin', arch: 'amd64' },
  ];
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constraint-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/c\n\ngo 1.17\n');
    for (const [name, line] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), `${line}${line ? '\n\n' : ''}package c\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(platforms)('$os/$arch', (p) => {
    const out = execFileSync('go', ['list', '-f', '{{join .GoFiles " "}}', '.'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GOOS: p.os, GOARCH: p.arch, CGO_ENABLED: '0', GOFLAGS: '', GOTOOLCHAIN: 'local' },
    });
    const goPicks = out.trim().split(' ').filter(Boolean).sort();
    const cfg: BuildConfigs = { platforms: [p], tags: new Set(), cgo: false };
    const ours = Object.entries(files)
      // The expression as the scanner reads it from the file, `// +build` lines included.
      .filter(([name]) => buildableFile(`c/${name}`, parseGoFileHeader(fs.readFileSync(path.join(dir, name), 'utf8')).buildConstraint, cfg))
      .map(([name]) => name)
      .sort();
    expect(ours).toEqual(goPicks);
  });
});

/** The same judge for one exact build: tags set, cgo on or off, `import "C"` files included, as the tree records them. */
describe('fileMatches on scanned files agrees with go list', () => {
  const files: Record<string, string> = {
    'plain.go': 'package c\n',
    'x_linux.go': 'package c\n',
    'x_windows_amd64.go': 'package c\n',
    'tagged.go': '//go:build sometag\n\npackage c\n',
    'untagged.go': '//go:build !sometag && unix\n\npackage c\n',
    'cgo_tag.go': '//go:build cgo\n\npackage c\n',
    'nocgo.go': '//go:build !cgo\n\npackage c\n',
    'usesc.go': 'package c\n\n// int one(void) { return 1; }\nimport "C"\n',
    'usesc_linux.go': '//go:build sometag\n\npackage c\n\nimport "C"\n',
    'exp.go': '//go:build goexperiment.nosuchthing\n\npackage c\n',
  };
  const builds = [
    { os: 'linux', arch: 'amd64', tags: [], cgo: false },
    { os: 'linux', arch: 'amd64', tags: ['sometag'], cgo: true },
    { os: 'linux', arch: 'arm64', tags: [], cgo: true },
    { os: 'windows', arch: 'amd64', tags: ['sometag'], cgo: false },
    { os: 'darwin', arch: 'arm64', tags: [], cgo: true },
  ];
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matches-'));
    fs.mkdirSync(path.join(dir, 'c'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com\n\ngo 1.17\n');
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'c', name), text);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(builds)('$os/$arch tags=$tags cgo=$cgo', (b) => {
    const out = execFileSync('go', ['list', '-tags', b.tags.join(','), '-f', '{{join .GoFiles " "}} {{join .CgoFiles " "}}', './c'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GOOS: b.os, GOARCH: b.arch, CGO_ENABLED: b.cgo ? '1' : '0', GOFLAGS: '', GOTOOLCHAIN: 'local' },
    });
    const goPicks = out.trim().split(/\s+/).filter(Boolean).sort();
    const pkg = scanGoTree(dir).packages.get('c');
    const cfg = { os: b.os, arch: b.arch, tags: new Set(b.tags), cgo: b.cgo };
    const ours = (pkg?.goFiles ?? [])
      .filter((f) => fileMatches(f, pkg?.fileConstraints?.[path.posix.basename(f)], cfg))
      .map((f) => path.posix.basename(f))
      .sort();
    expect(ours).toEqual(goPicks);
  });
});
