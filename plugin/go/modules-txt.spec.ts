import { parseModulesTxt } from './modules-txt';
import { VendoredModule } from './types';

const F = 'vendor/modules.txt';

describe('parseModulesTxt', () => {
  const cases: [string, string, VendoredModule[]][] = [
    ['empty', '', []],
    [
      'plain module with packages',
      '# github.com/a/b v1.2.3\n## explicit\ngithub.com/a/b\ngithub.com/a/b/sub\n',
      [{ path: 'github.com/a/b', version: 'v1.2.3', explicit: true, packages: ['github.com/a/b', 'github.com/a/b/sub'] }],
    ],
    [
      'explicit with go version, implicit module',
      '# a.io/x v0.1.0\n## explicit; go 1.19\na.io/x\n# b.io/y v1.0.0\nb.io/y/z\n',
      [
        { path: 'a.io/x', version: 'v0.1.0', explicit: true, packages: ['a.io/x'] },
        { path: 'b.io/y', version: 'v1.0.0', explicit: false, packages: ['b.io/y/z'] },
      ],
    ],
    [
      'local replacement',
      '# k8s.io/api v0.0.0 => ./staging/src/k8s.io/api\n## explicit; go 1.19\nk8s.io/api/core/v1\n',
      [{ path: 'k8s.io/api', version: 'v0.0.0', replacement: { path: './staging/src/k8s.io/api' }, explicit: true, packages: ['k8s.io/api/core/v1'] }],
    ],
    [
      'module replacement with version',
      '# github.com/a/b v1.0.0 => github.com/fork/b v1.0.1\ngithub.com/a/b\n',
      [{ path: 'github.com/a/b', version: 'v1.0.0', replacement: { path: 'github.com/fork/b', version: 'v1.0.1' }, explicit: false, packages: ['github.com/a/b'] }],
    ],
    [
      'version-less replacement line',
      '# k8s.io/foo => ./staging/src/k8s.io/foo\n',
      [{ path: 'k8s.io/foo', version: '', replacement: { path: './staging/src/k8s.io/foo' }, explicit: false, packages: [] }],
    ],
    [
      'workspace annotation, CRLF, blank lines',
      '## workspace\r\n\r\n# a.io/x v1.0.0\r\n## explicit\r\na.io/x\r\n',
      [{ path: 'a.io/x', version: 'v1.0.0', explicit: true, packages: ['a.io/x'] }],
    ],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(parseModulesTxt(text, F)).toEqual(want);
  });
});

describe('parseModulesTxt errors', () => {
  const cases: [string, string, string][] = [
    ['package before any module', 'a.io/x\n', 'vendor/modules.txt:1: package "a.io/x" comes before any "# module" line'],
    ['annotation before any module', '## explicit\n', 'vendor/modules.txt:1: annotation "## explicit" comes before any "# module" line'],
    ['module line without version', '# a.io/x v1.0.0\na.io/x\n# b.io/y\n', 'vendor/modules.txt:3: malformed module line "# b.io/y"'],
    ['module line with a bad version', '# a.io/x latest\n', 'vendor/modules.txt:1: malformed module line "# a.io/x latest"'],
    ['dangling arrow', '# a.io/x v1.0.0 =>\n', 'vendor/modules.txt:1: malformed replacement in "# a.io/x v1.0.0 =>"'],
    ['junk after version', '# a.io/x v1.0.0 junk\n', 'vendor/modules.txt:1: malformed replacement in "# a.io/x v1.0.0 junk"'],
    ['package line with spaces', '# a.io/x v1.0.0\na.io/x extra\n', 'vendor/modules.txt:2: malformed package line "a.io/x extra"'],
    ['odd comment', '# a.io/x v1.0.0\n#nospace\n', 'vendor/modules.txt:2: malformed comment line "#nospace"'],
    // A corrupt file's bytes are shown, never sent to the terminal: ESC, BEL and C1 CSI as \xNN.
    [
      'escape sequences in a corrupt line',
      '# a.io/x v1.0.0\n\u001b]0;pwned\u0007\u001b[2J\u009b31m extra\n',
      'vendor/modules.txt:2: malformed package line "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m extra"',
    ],
    ['a very long corrupt line', `# ${'x'.repeat(300)}\n`, `vendor/modules.txt:1: malformed module line "# ${'x'.repeat(198)}… (102 more)"`],
  ];
  it.each(cases)('%s', (_name, text, msg) => {
    expect(() => parseModulesTxt(text, F)).toThrow(new Error(msg));
  });
});
