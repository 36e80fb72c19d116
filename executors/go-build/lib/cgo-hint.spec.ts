import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parsePlatform } from '../../../plugin/platforms';
import { cgoHint, dirNeedsCgo } from './cgo-hint';

describe('cgoHint', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cgohint-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  beforeAll(() => {
    write('mod/vendor/github.com/seccomp/libseccomp-golang/seccomp.go', '// #cgo pkg-config: libseccomp\npackage seccomp\n\nimport "C"\n');
    write('mod/vendor/github.com/seccomp/libseccomp-golang/seccomp_internal.go', 'package seccomp\n\n// #include <seccomp.h>\nimport "C"\n\nimport "fmt"\n');
    write('mod/vendor/github.com/seccomp/libseccomp-golang/seccomp_test.go', 'package seccomp\n');
    write('mod/pkg/tagged/a.go', '//go:build cgo && linux\n\npackage tagged\n');
    write('mod/pkg/fallback/a.go', 'package fallback\n\nimport "C"\n');
    write('mod/pkg/fallback/b.go', '//go:build !cgo\n\npackage fallback\n');
    write('mod/pkg/windowsonly/a_windows.go', 'package windowsonly\n');
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  const linux = parsePlatform('linux/amd64');
  const o = {
    binaryName: 'runc',
    cgo: false,
    platform: linux,
    tags: ['seccomp'],
    moduleDir: path.join(ws, 'mod'),
    modulePath: 'github.com/opencontainers/runc',
    workspaceRoot: ws,
    mode: 'docker' as const,
  };
  const excluded = (dir: string) =>
    `package github.com/opencontainers/runc\n\timports x: build constraints exclude all Go files in ${dir}\n`;

  it('dirNeedsCgo: import "C" or a cgo constraint on every file that builds for the platform', () => {
    expect(dirNeedsCgo(path.join(ws, 'mod/vendor/github.com/seccomp/libseccomp-golang'), linux, [])).toBe(true);
    expect(dirNeedsCgo(path.join(ws, 'mod/pkg/tagged'), linux, [])).toBe(true);
    expect(dirNeedsCgo(path.join(ws, 'mod/pkg/tagged'), parsePlatform('darwin/arm64'), [])).toBe(false);
    expect(dirNeedsCgo(path.join(ws, 'mod/pkg/fallback'), linux, [])).toBe(false);
    expect(dirNeedsCgo(path.join(ws, 'mod/pkg/windowsonly'), linux, [])).toBe(false);
    expect(dirNeedsCgo(path.join(ws, 'mod/missing'), linux, [])).toBe(false);
  });

  it('names the binary, the cgo option and KUBE_CGO_OVERRIDES for a vendored cgo-only package seen in the container', () => {
    const out = excluded('/go/src/github.com/opencontainers/runc/vendor/github.com/seccomp/libseccomp-golang');
    expect(cgoHint(out, o)).toBe(
      'runc needs cgo: every Go file of mod/vendor/github.com/seccomp/libseccomp-golang that builds for linux/amd64 needs cgo (import "C"); add "runc" to the cgo option of nx-kube-build in nx.json (or set KUBE_CGO_OVERRIDES="runc"), and the Debian packages of the C libraries it links to cgoPackages.',
    );
  });

  it('says nothing when the excluded dir builds without cgo for some other reason, or lies outside the module', () => {
    expect(cgoHint(excluded('/go/src/github.com/opencontainers/runc/pkg/windowsonly'), o)).toBeUndefined();
    expect(cgoHint(excluded('/go-cache/mod/github.com/x/y@v1.0.0'), o)).toBeUndefined();
    expect(cgoHint('main.go:3:2: undefined: x', o)).toBeUndefined();
  });

  it('host mode reads the printed dir as it is', () => {
    expect(cgoHint(excluded(path.join(ws, 'mod/pkg/tagged')), { ...o, mode: 'host' })).toMatch(/^runc needs cgo: every Go file of mod\/pkg\/tagged /);
  });

  it('a cgo build without a C compiler says to drop the image option or build static', () => {
    const out = 'cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH\n';
    expect(cgoHint(out, { ...o, cgo: true, image: 'golang:1.22-alpine' })).toBe(
      'runc is built with cgo but there is no C compiler "gcc" in the image golang:1.22-alpine: drop the image option so cgo builds run in the generated cgo image, or build runc static (KUBE_STATIC_OVERRIDES="runc", or leave it out of the cgo option).',
    );
    expect(cgoHint(out, o)).toBeUndefined();
  });
});
