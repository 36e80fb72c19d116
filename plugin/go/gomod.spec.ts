import { isLocalPath, parseGoMod } from './gomod';
import { GoMod } from './types';

const F = 'workspace/go.mod';

describe('parseGoMod', () => {
  const cases: [string, string, Partial<GoMod>][] = [
    ['module only', 'module example.com/m\n', { modulePath: 'example.com/m', requires: [], replaces: [] }],
    ['quoted module and go', 'module "example.com/m"\n\ngo 1.19\n', { modulePath: 'example.com/m', goVersion: '1.19' }],
    [
      'single and block require with indirect',
      'module m.io/x\nrequire a.io/a v1.0.0\nrequire (\n\tb.io/b v0.1.0 // indirect\n\tc.io/c v2.0.0+incompatible // indirect; for tests\n\td.io/d v1.2.3 // not indirect\n)\n',
      {
        requires: [
          { path: 'a.io/a', version: 'v1.0.0', indirect: false },
          { path: 'b.io/b', version: 'v0.1.0', indirect: true },
          { path: 'c.io/c', version: 'v2.0.0+incompatible', indirect: true },
          { path: 'd.io/d', version: 'v1.2.3', indirect: false },
        ],
      },
    ],
    [
      'replace forms',
      [
        'module k8s.io/kubernetes',
        'replace k8s.io/api => ./staging/src/k8s.io/api',
        'replace (',
        '\tk8s.io/client-go v0.0.0 => ../client-go',
        '\tx.io/abs => /opt/src/x',
        '\tgithub.com/a/b v1.0.0 => github.com/fork/b v1.0.1',
        '\tgithub.com/c/d => github.com/fork/d v0.2.0 // pinned',
        ')',
      ].join('\n'),
      {
        replaces: [
          { oldPath: 'k8s.io/api', newPath: './staging/src/k8s.io/api', local: true },
          { oldPath: 'k8s.io/client-go', oldVersion: 'v0.0.0', newPath: '../client-go', local: true },
          { oldPath: 'x.io/abs', newPath: '/opt/src/x', local: true },
          { oldPath: 'github.com/a/b', oldVersion: 'v1.0.0', newPath: 'github.com/fork/b', newVersion: 'v1.0.1', local: false },
          { oldPath: 'github.com/c/d', newPath: 'github.com/fork/d', newVersion: 'v0.2.0', local: false },
        ],
      },
    ],
    [
      'tolerated directives and comments',
      [
        '// Deprecated: use other.',
        'module m.io/x // trailing',
        '',
        'go 1.21.0',
        'toolchain go1.21.5',
        'godebug default=go1.21',
        'godebug (',
        '\tpanicnil=1',
        ')',
        'exclude a.io/a v1.0.0',
        'exclude (',
        '\ta.io/a v1.0.1',
        ')',
        'retract v1.0.0 // broken',
        'retract [v1.1.0, v1.2.0]',
        'retract (',
        '\tv0.9.0',
        ')',
        'require (',
        ')',
        'require ()',
      ].join('\n'),
      { modulePath: 'm.io/x', goVersion: '1.21.0', requires: [], replaces: [] },
    ],
    ['BOM and CRLF', '\ufeffmodule m.io/x\r\n\r\nrequire (\r\n\ta.io/a v1.0.0\r\n)\r\n', { modulePath: 'm.io/x', requires: [{ path: 'a.io/a', version: 'v1.0.0', indirect: false }] }],
    ['block opener glued to the verb', 'module m\nrequire(\n\ta.io/a v1.0.0\n)\n', { requires: [{ path: 'a.io/a', version: 'v1.0.0', indirect: false }] }],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(parseGoMod(text, F)).toMatchObject(want);
  });
});

describe('parseGoMod errors name the file and line', () => {
  const cases: [string, string, string][] = [
    ['no module line', 'go 1.19\n', 'workspace/go.mod:1: missing module directive'],
    ['unterminated require block', 'module m\n\nrequire (\n\ta.io/a v1.0.0\n', 'workspace/go.mod:3: unterminated require block'],
    ['unterminated replace block', 'module m\nreplace (\n', 'workspace/go.mod:2: unterminated replace block'],
    ['replace without arrow', 'module m\nreplace a.io/a ./a\n', 'workspace/go.mod:2: usage: replace module/path [v1.2.3] => other/module v1.4 or ./local/dir'],
    ['replace without target', 'module m\nreplace a.io/a =>\n', 'workspace/go.mod:2: usage: replace module/path [v1.2.3] => other/module v1.4 or ./local/dir'],
    ['local replace with version', 'module m\nreplace a.io/a => ./a v1.0.0\n', 'workspace/go.mod:2: replacement directory ./a cannot have a version'],
    ['module replace without version', 'module m\nreplace a.io/a => b.io/b\n', 'workspace/go.mod:2: replacement module b.io/b without a version must be a directory path starting with ./ or ../ or /'],
    ['bad require', 'module m\nrequire a.io/a\n', 'workspace/go.mod:2: usage: require module/path v1.2.3'],
    ['repeated module', 'module m\nmodule n\n', 'workspace/go.mod:2: repeated module directive'],
    ['unknown directive', 'module m\nfrobnicate x\n', 'workspace/go.mod:2: unknown directive "frobnicate"'],
    ['module block', 'module (\n', 'workspace/go.mod:1: module does not take a block'],
    ['text after block opener', 'module m\nrequire ( a.io/a v1\n', 'workspace/go.mod:2: unexpected text after "require ("'],
    ['unterminated string', 'module "m\n', 'workspace/go.mod:1: unterminated quoted string'],
    ['bad go version', 'module m\ngo one\n', 'workspace/go.mod:2: usage: go 1.23'],
    ['escape sequence in a directive', 'module m\n\u001b[31mrequire x\n', 'workspace/go.mod:2: unknown directive "\\x1b[31mrequire"'],
    ['escape sequence in a replacement', 'module m\nreplace a => b\u001b[0m\n', 'workspace/go.mod:2: replacement module b\\x1b[0m without a version must be a directory path starting with ./ or ../ or /'],
  ];
  it.each(cases)('%s', (_name, text, msg) => {
    expect(() => parseGoMod(text, F)).toThrow(new Error(msg));
  });
});

describe('isLocalPath', () => {
  it.each([
    ['./a', true],
    ['../a', true],
    ['/abs', true],
    ['.', true],
    ['..', true],
    ['C:\\src', true],
    ['github.com/a/b', false],
    ['.hidden', false],
  ])('%s -> %s', (p, want) => {
    expect(isLocalPath(p)).toBe(want);
  });
});
