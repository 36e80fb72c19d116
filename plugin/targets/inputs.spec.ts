import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { minimatch } from 'minimatch';
import { cleanupSpecs, gomod, loadSpec } from '../load.spec-helpers';
import { goFile } from '../go/temp-tree.spec-helpers';
import { imageInputs, packageNamedInputs, TOOLCHAIN_RUNTIME_INPUT } from './inputs';

/** Runs the runtime input as Nx does: a shell command in the workspace root. */
function runtimeOf(dockerfile: string, cwd: string): string {
  const input = imageInputs(dockerfile).find((i): i is { runtime: string } => typeof i !== 'string' && 'runtime' in i);
  if (!input) throw new Error('no runtime input');
  return execSync(input.runtime, { cwd, encoding: 'utf8', shell: '/bin/sh' });
}

describe('imageInputs', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-'));
    fs.mkdirSync(path.join(root, "build/it's"), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('globs the definition folder for Nx and checksums it from disk, ignored by git or not', () => {
    expect(imageInputs("build/it's/Dockerfile")[0]).toBe("{workspaceRoot}/build/it's/**/*");
    fs.writeFileSync(path.join(root, "build/it's/Dockerfile"), 'FROM scratch\n');
    const before = runtimeOf("build/it's/Dockerfile", root);
    expect(before).toContain('Dockerfile');
    fs.writeFileSync(path.join(root, "build/it's/extra.sh"), 'echo\n');
    const added = runtimeOf("build/it's/Dockerfile", root);
    expect(added).not.toBe(before);
    fs.writeFileSync(path.join(root, "build/it's/Dockerfile"), 'FROM scratch\nENV A=1\n');
    expect(runtimeOf("build/it's/Dockerfile", root)).not.toBe(added);
  });

  it('checksums a definition at the module root alone, and tolerates a missing one', () => {
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\n');
    const one = runtimeOf('Dockerfile', root);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\nENV A=1\n');
    expect(runtimeOf('Dockerfile', root)).not.toBe(one);
    expect(runtimeOf('gone/Dockerfile', root)).toBe('');
  });
});

/** go list is the judge of what a package dir's build reads, on this platform and (as ignored files) on others. */
describe('packageNamedInputs agrees with go list', () => {
  const files: Record<string, string> = {
    'p.go': 'package p\n\nimport _ "embed"\n\n//go:embed data/msg.txt\nvar msg string\n',
    'cgo.go': 'package p\n\n// #include "p.h"\nimport "C"\n',
    'p.h': 'int one(void);\n',
    'p.c': '#include "p.h"\nint one(void) { return 1; }\n',
    'q.cc': 'int two() { return 2; }\n',
    'asm_amd64.s': '#include "textflag.h"\n',
    'asm_arm64.s': '#include "textflag.h"\n',
    'stub_windows.go': 'package p\n',
    'win_windows_amd64.syso': 'not really an object\n',
    'data/msg.txt': 'hello\n',
    'p_test.go': 'package p\n',
    'README.md': 'not Go\n',
    'notes.txt': 'not Go either\n',
  };
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-golist-'));
    fs.writeFileSync(path.join(root, 'go.mod'), 'module example.com/in\n\ngo 1.19\n');
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, 'p', f)), { recursive: true });
      fs.writeFileSync(path.join(root, 'p', f), text);
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const goListed = (fields: string[]): string[] => {
    const out = execSync('go list -json ./p', {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CGO_ENABLED: '1', GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: '', GOTOOLCHAIN: 'local' },
    });
    const pkg = JSON.parse(out) as Record<string, string[] | undefined>;
    return [...new Set(fields.flatMap((f) => pkg[f] ?? []))].sort();
  };
  /** Files of the package dir the named input's patterns take, as Nx applies them (a `!` pattern drops). */
  const taken = (patterns: (string | object)[]): string[] => {
    const all = Object.keys(files);
    const globs = patterns.filter((p): p is string => typeof p === 'string' && p.startsWith('{projectRoot}/') || (typeof p === 'string' && p.startsWith('!{projectRoot}/')));
    const rel = (g: string) => g.replace(/^!?\{projectRoot\}\//, '');
    return all
      .filter((f) => globs.some((g) => !g.startsWith('!') && minimatch(f, rel(g))) && !globs.some((g) => g.startsWith('!') && minimatch(f, rel(g))))
      .sort();
  };
  const BUILD = ['GoFiles', 'CgoFiles', 'CFiles', 'CXXFiles', 'MFiles', 'HFiles', 'FFiles', 'SFiles', 'SwigFiles', 'SwigCXXFiles', 'SysoFiles', 'EmbedFiles', 'IgnoredGoFiles', 'IgnoredOtherFiles'];

  it('goBuild holds every file go reads for the package on any platform, and nothing else', () => {
    const { goBuild } = packageNamedInputs(['data/msg.txt'], '');
    expect(taken(goBuild)).toEqual(goListed(BUILD).filter((f) => !f.endsWith('_test.go')));
  });

  it('goTest adds the test files', () => {
    const { goTest } = packageNamedInputs(['data/msg.txt'], '');
    expect(taken(goTest)).toEqual(goListed([...BUILD, 'TestGoFiles', 'XTestGoFiles']));
  });
});

describe('the host toolchain as an input of build and test targets', () => {
  afterAll(cleanupSpecs);
  // Host mode (`--mode=host`) builds and tests with the host's Go even when
  // `image` names the container, so its version and GOROOT are always hashed.
  it.each([[{}], [{ image: 'golang:1.22' }]])('with options %j', (raw) => {
    const s = loadSpec(
      { 'go.mod': gomod('example.com/m', '1.19'), 'cmd/app/main.go': goFile('main', 'example.com/m/pkg'), 'pkg/p.go': goFile('pkg'), 'pkg/p_test.go': goFile('pkg') },
      raw,
    );
    expect(s.projects['cmd/app'].targets?.build?.inputs).toContainEqual({ runtime: TOOLCHAIN_RUNTIME_INPUT });
    expect(s.projects['pkg'].targets?.test?.inputs).toContainEqual({ runtime: TOOLCHAIN_RUNTIME_INPUT });
  });
});
