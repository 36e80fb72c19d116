import { findEmbeds, isStdlibImport, parseGoFileHeader, plusBuildToExpr } from './scan-file';

const paths = (text: string): string[] => parseGoFileHeader(text).imports.map((i) => i.path);

describe('parseGoFileHeader imports', () => {
  const cases: [string, string, string[]][] = [
    ['no imports', 'package foo\n\nfunc F() {}\n', []],
    ['single import', 'package foo\nimport "a.io/x"\n', ['a.io/x']],
    ['grouped block', 'package foo\n\nimport (\n\t"fmt"\n\t"a.io/x"\n)\n', ['fmt', 'a.io/x']],
    ['aliased, dot and blank', 'package foo\nimport (\n\tx "a.io/x"\n\t. "a.io/dot"\n\t_ "a.io/blank"\n)\n', ['a.io/x', 'a.io/dot', 'a.io/blank']],
    ['aliased single', 'package foo\nimport yy "a.io/y"\n', ['a.io/y']],
    ['import "C" after a cgo preamble', 'package foo\n\n/*\n#include <stdio.h>\nimport "nope"\n*/\nimport "C"\nimport "unsafe"\n', ['C', 'unsafe']],
    ['several declarations in a row', 'package foo\nimport "a.io/1"\nimport (\n"a.io/2"\n)\nimport _ "a.io/3"\n', ['a.io/1', 'a.io/2', 'a.io/3']],
    ['raw string path', 'package foo\nimport (\n\tr `a.io/raw`\n)\n', ['a.io/raw']],
    ['semicolons on one line', 'package foo; import ("a.io/1"; "a.io/2"); import "a.io/3"', ['a.io/1', 'a.io/2', 'a.io/3']],
    ['empty block', 'package foo\nimport ()\nvar x = 1\n', []],
    ['comments inside the block', 'package foo\nimport (\n\t// import "no/line"\n\t"a.io/x" // import "no/trailing"\n\t/* "no/block" */ "a.io/y"\n)\n', ['a.io/x', 'a.io/y']],
    ['import comment on the package clause', 'package foo // import "example.com/foo"\n\nimport "a.io/x"\n', ['a.io/x']],
    ['comment mentioning import before package', '// This file does not import "foo".\n/* import "bar" */\npackage foo\nimport "a.io/x"\n', ['a.io/x']],
    ['stops at the first other declaration', 'package foo\nimport "a.io/x"\nvar s = `\nimport "a.io/late"\n`\nimport "a.io/after"\n', ['a.io/x']],
    ['stops at func', 'package foo\nfunc init() {}\nimport "a.io/never"\n', []],
    ['string escapes', 'package foo\nimport "a.io/\\x41"\n', ['a.io/A']],
    ['BOM', '\ufeffpackage foo\nimport "a.io/x"\n', ['a.io/x']],
    ['CRLF', 'package foo\r\n\r\nimport (\r\n\t"a.io/x"\r\n\t"a.io/y"\r\n)\r\n', ['a.io/x', 'a.io/y']],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(paths(text)).toEqual(want);
  });

  it('reports the line of each import path', () => {
    const h = parseGoFileHeader('// c\npackage foo\n\nimport (\n\t"a.io/x"\n\n\tb "a.io/y"\n)\nimport "a.io/z"\n');
    expect(h.imports).toEqual([
      { path: 'a.io/x', line: 5 },
      { path: 'a.io/y', line: 7 },
      { path: 'a.io/z', line: 9 },
    ]);
  });
});

describe('parseGoFileHeader package clause', () => {
  const cases: [string, string, string][] = [
    ['plain', 'package kubelet\n', 'kubelet'],
    ['external test', 'package kubelet_test\n', 'kubelet_test'],
    ['after comments', '// Copyright\n\n/* doc\n   package nope */\n// Package main does.\npackage main\n', 'main'],
    ['none', '// only a comment\n', ''],
    ['empty file', '', ''],
    ['not Go', 'hello world\n', ''],
    ['semicolon', 'package foo;', 'foo'],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(parseGoFileHeader(text).packageName).toBe(want);
  });
});

describe('parseGoFileHeader build constraints', () => {
  const cases: [string, string, string | undefined][] = [
    ['go:build', '//go:build linux && !arm\n\npackage foo\n', 'linux && !arm'],
    ['go:build wins over +build', '//go:build linux\n// +build linux\n\npackage foo\n', 'linux'],
    ['go:build after the copyright', '// Copyright\n\n//go:build ignore\n\npackage main\n', 'ignore'],
    ['one +build line', '// +build linux,amd64 darwin\n\npackage foo\n', '(linux && amd64) || darwin'],
    ['several +build lines', '// +build linux darwin\n// +build cgo\n\npackage foo\n', '(linux || darwin) && cgo'],
    ['+build needs a blank line after it', '// +build linux\npackage foo\n', undefined],
    ['+build in the doc comment does not count', '// +build linux\n\n// Doc.\n// +build ignore\npackage foo\n', 'linux'],
    ['go:build inside a block comment does not count', '/*\n//go:build linux\n*/\n\npackage foo\n', undefined],
    ['go:build after package does not count', 'package foo\n\n//go:build linux\n', undefined],
    ['go:buildx is not a directive', '//go:buildx linux\n\npackage foo\n', undefined],
    ['CRLF', '//go:build windows\r\n\r\npackage foo\r\n', 'windows'],
    ['none', 'package foo\n', undefined],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(parseGoFileHeader(text).buildConstraint).toBe(want);
  });

  it.each([
    [['linux'], 'linux'],
    [['!windows'], '!windows'],
    [['a,b'], 'a && b'],
    [['a b', 'c,d'], '(a || b) && c && d'],
    [['a,b', 'c d', '!e'], 'a && b && (c || d) && !e'],
  ])('plusBuildToExpr(%j)', (lines, want) => {
    expect(plusBuildToExpr(lines)).toBe(want);
  });
});

describe('embeds', () => {
  const cases: [string, string, string[]][] = [
    ['none', 'package foo\n', []],
    ['single', 'package foo\n\nimport _ "embed"\n\n//go:embed hello.txt\nvar s string\n', ['hello.txt']],
    ['several patterns and quoted ones', 'package foo\n//go:embed a.txt static/* "with space.txt" `raw name`\nvar f embed.FS\n', ['a.txt', 'static/*', 'with space.txt', 'raw name']],
    ['several directives, indented, CRLF', 'package foo\r\nvar (\r\n\t//go:embed a\r\n\tA string\r\n\t//go:embed b c\r\n\tB embed.FS\r\n)\r\n', ['a', 'b', 'c']],
    ['not at line start', 'package foo\nvar s = "//go:embed nope"\n', []],
    ['after the header, past the first declaration', 'package foo\nfunc f() {}\n//go:embed late.txt\nvar s string\n', ['late.txt']],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(parseGoFileHeader(text).embeds).toEqual(want);
    expect(findEmbeds(text)).toEqual(want);
  });
});

describe('malformed headers throw with the line', () => {
  const cases: [string, string, string][] = [
    ['unterminated block', 'package foo\nimport (\n\t"a.io/x"\n', 'line 4: unterminated import block'],
    ['unterminated string', 'package foo\nimport "a.io/x\n', 'line 2: newline in string'],
    ['unterminated comment', 'package foo\n/* never closed\n', 'line 2: unterminated block comment'],
    ['missing path', 'package foo\nimport x y\n', 'line 2: import path must be a string'],
  ];
  it.each(cases)('%s', (_name, text, msg) => {
    expect(() => parseGoFileHeader(text)).toThrow(msg);
  });
});

describe('isStdlibImport', () => {
  it.each([
    ['fmt', true],
    ['net/http', true],
    ['C', true],
    ['internal/foo', true],
    ['k8s.io/api/core/v1', false],
    ['github.com/x/y', false],
    ['./relative', false],
    ['', false],
  ])('%s -> %s', (p, want) => {
    expect(isStdlibImport(p)).toBe(want);
  });
});
