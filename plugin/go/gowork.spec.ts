import { parseGoWork } from './gowork';

describe('parseGoWork', () => {
  it('reads go, toolchain, use, replace and godebug, in blocks or not', () => {
    const w = parseGoWork(
      [
        '\ufeff// a workspace',
        'go 1.22.1',
        'toolchain go1.22.4',
        '',
        'use (',
        '\t./a // the app',
        '\t"./b c"',
        ')',
        'use ./tools',
        '',
        'replace (',
        '\texample.com/x v1.0.0 => ./forks/x',
        '\texample.com/y => example.com/y2 v1.2.3',
        ')',
        'replace example.com/z => /abs/z',
        'godebug (',
        '\tdefault=go1.21',
        '\tpanicnil=1',
        ')',
        'godebug asynctimerchan=0',
        '',
      ].join('\r\n'),
      'go.work',
    );
    expect(w).toEqual({
      goVersion: '1.22.1',
      toolchain: 'go1.22.4',
      uses: ['./a', './b c', './tools'],
      replaces: [
        expect.objectContaining({ oldPath: 'example.com/x', oldVersion: 'v1.0.0', newPath: './forks/x', local: true }),
        expect.objectContaining({ oldPath: 'example.com/y', newPath: 'example.com/y2', newVersion: 'v1.2.3', local: false }),
        expect.objectContaining({ oldPath: 'example.com/z', newPath: '/abs/z', local: true }),
      ],
      godebug: ['default=go1.21', 'panicnil=1', 'asynctimerchan=0'],
    });
  });

  it.each([
    ['go 1.22\nuse (\n\t./a\n', 'ws/go.work:2: unterminated use block'],
    ['go 1.22\nuse ./a ./b\n', 'ws/go.work:2: usage: use ./dir'],
    ['go\n', 'ws/go.work:1: usage: go 1.23'],
    ['go 1.22\nrequire example.com/x v1.0.0\n', 'ws/go.work:2: unknown directive "require" (go.work takes go, toolchain, use, replace and godebug)'],
    ['toolchain (\n)\n', 'ws/go.work:1: toolchain does not take a block'],
    ['use (\n\t./a\n) x\n', 'ws/go.work:3: unexpected text after ")"'],
    ['go 1.22\nus\u001b[8me ./a\n', 'ws/go.work:2: unknown directive "us\\x1b[8me" (go.work takes go, toolchain, use, replace and godebug)'],
  ])('rejects %j with file and line', (text, message) => {
    expect(() => parseGoWork(text, 'ws/go.work')).toThrow(new Error(message));
  });
});
