import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { formatSums, sumsLine, writeChecksums } from './checksums';

const sha = (algo: string, text: string) => createHash(algo).update(text).digest('hex');

describe('writeChecksums', () => {
  let dir: string;
  const files: Record<string, string> = {
    'kubernetes.tar.gz': 'main',
    'kubernetes-server-linux-amd64.tar.gz': 'server',
    'kubernetes-client-windows-amd64.tar.gz': 'client',
    'Kubernetes-upper.tar.gz': 'upper',
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sums-'));
    for (const [f, body] of Object.entries(files)) writeFileSync(path.join(dir, f), body);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes SHA256SUMS and SHA512SUMS sorted by file name in byte order', async () => {
    await writeChecksums(dir, Object.keys(files));
    const order = ['Kubernetes-upper.tar.gz', 'kubernetes-client-windows-amd64.tar.gz', 'kubernetes-server-linux-amd64.tar.gz', 'kubernetes.tar.gz'];
    expect(readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')).toBe(order.map((f) => `${sha('sha256', files[f])}  ${f}\n`).join(''));
    expect(readFileSync(path.join(dir, 'SHA512SUMS'), 'utf8')).toBe(order.map((f) => `${sha('sha512', files[f])}  ${f}\n`).join(''));
    expect(readFileSync(path.join(dir, 'kubernetes.tar.gz.sha256'), 'utf8')).toBe(`${sha('sha256', 'main')}  kubernetes.tar.gz\n`);
    expect(readFileSync(path.join(dir, 'kubernetes.tar.gz.sha512'), 'utf8')).toBe(`${sha('sha512', 'main')}  kubernetes.tar.gz\n`);
    expect(readdirSync(dir).sort()).toEqual(
      [...Object.keys(files), ...Object.keys(files).flatMap((f) => [`${f}.sha256`, `${f}.sha512`]), 'SHA256SUMS', 'SHA512SUMS'].sort(),
    );
  });

  it('writes files coreutils verifies, and that catch a changed tarball', async () => {
    await writeChecksums(dir, Object.keys(files));
    const check = (tool: string, arg: string) => execFileSync(tool, ['-c', '--strict', arg], { cwd: dir, stdio: 'pipe' }).toString();
    expect(check('sha256sum', 'SHA256SUMS')).toContain('kubernetes.tar.gz: OK');
    expect(check('sha512sum', 'SHA512SUMS')).toContain('kubernetes.tar.gz: OK');
    expect(check('sha256sum', 'kubernetes-server-linux-amd64.tar.gz.sha256')).toBe('kubernetes-server-linux-amd64.tar.gz: OK\n');
    expect(check('sha512sum', 'kubernetes-server-linux-amd64.tar.gz.sha512')).toBe('kubernetes-server-linux-amd64.tar.gz: OK\n');
    writeFileSync(path.join(dir, 'kubernetes.tar.gz'), 'tampered');
    expect(() => check('sha256sum', 'kubernetes.tar.gz.sha256')).toThrow();
    expect(() => check('sha256sum', 'SHA256SUMS')).toThrow();
  });

  it('returns both digests per file, sorted', async () => {
    const digests = await writeChecksums(dir, ['kubernetes.tar.gz', 'Kubernetes-upper.tar.gz']);
    expect(digests).toEqual([
      { file: 'Kubernetes-upper.tar.gz', sha256: sha('sha256', 'upper'), sha512: sha('sha512', 'upper') },
      { file: 'kubernetes.tar.gz', sha256: sha('sha256', 'main'), sha512: sha('sha512', 'main') },
    ]);
  });
});

describe('formatting', () => {
  it('puts two spaces between digest and name', () => {
    expect(sumsLine('ab12', 'x.tar.gz')).toBe('ab12  x.tar.gz\n');
  });

  it('refuses names coreutils would need escaped', () => {
    expect(() => sumsLine('ab', 'a\nb')).toThrow(
      new Error('File name "a\nb" needs escaping in a checksum file; release files must not contain newlines or backslashes.'),
    );
  });

  it('sorts by name, not by digest or input order', () => {
    expect(
      formatSums(
        [
          { file: 'b', sha256: '00', sha512: '11' },
          { file: 'a', sha256: 'ff', sha512: '22' },
        ],
        'sha512',
      ),
    ).toBe('22  a\n11  b\n');
  });
});
