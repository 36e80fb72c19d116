import { printable } from './printable';

describe('printable', () => {
  it.each([
    ['k8s.io/api', 'k8s.io/api'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['two\nlines\r\tand\u0000nul', 'two\\x0alines\\x0d\\x09and\\x00nul'],
    ['del\u007f c1\u009b csi\u0080', 'del\\x7f c1\\x9b csi\\x80'],
    ['ünïcödé 日本 \u00a0nbsp', 'ünïcödé 日本 \u00a0nbsp'],
  ])('shows %j as %j', (raw, want) => {
    expect(printable(raw)).toBe(want);
  });

  it('cuts a very long value to its start and says how much is left out', () => {
    expect(printable('a'.repeat(205))).toBe(`${'a'.repeat(200)}… (5 more)`);
    expect(printable('\u001b'.repeat(3), 2)).toBe('\\x1b\\x1b… (1 more)');
    expect(printable('😀'.repeat(3), 2)).toBe('😀😀… (1 more)');
  });
});
