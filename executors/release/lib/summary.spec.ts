import { formatReleaseSummary, humanSize } from './summary';

describe('humanSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
  ])('%i → %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });
});

describe('formatReleaseSummary', () => {
  it('lists each file with its size and sha256, sorted by name', () => {
    expect(
      formatReleaseSummary('workspace/_output/release-tars', [
        { file: 'kubernetes.tar.gz', size: 300, sha256: 'bb' },
        { file: 'kubernetes-client-linux-amd64.tar.gz', size: 2048, sha256: 'aa' },
      ]),
    ).toBe(
      [
        'Release tarballs in workspace/_output/release-tars:',
        '  kubernetes-client-linux-amd64.tar.gz  2.0 KiB  aa',
        '  kubernetes.tar.gz                       300 B  bb',
      ].join('\n'),
    );
  });
});
