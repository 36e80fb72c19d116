import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { publishedFiles, publishRelease } from './publish';

describe('publishRelease', () => {
  let out: string;
  const release = (dir: string, files: Record<string, string>) => {
    mkdirSync(dir, { recursive: true });
    for (const [f, body] of Object.entries(files)) writeFileSync(path.join(dir, f), body);
  };
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), 'publish-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('replaces the previous release as a whole', async () => {
    release(path.join(out, 'release-tars'), { 'old.tar.gz': 'old', 'SHA256SUMS': 'old sums' });
    release(path.join(out, 'stage/release-tars'), { 'new.tar.gz': 'new', 'SHA256SUMS': 'new sums' });
    await publishRelease(path.join(out, 'stage/release-tars'), path.join(out, 'release-tars'));
    expect(readdirSync(path.join(out, 'release-tars')).sort()).toEqual(['SHA256SUMS', 'new.tar.gz']);
    expect(readFileSync(path.join(out, 'release-tars/SHA256SUMS'), 'utf8')).toBe('new sums');
    expect(existsSync(path.join(out, 'stage/release-tars'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['release-tars', 'stage']);
  });

  it('creates release-tars the first time', async () => {
    release(path.join(out, 'stage/release-tars'), { 'new.tar.gz': 'new' });
    await publishRelease(path.join(out, 'stage/release-tars'), path.join(out, '_output/release-tars'));
    expect(readdirSync(path.join(out, '_output/release-tars'))).toEqual(['new.tar.gz']);
  });

  it('puts the previous release back when the new one cannot be moved in', async () => {
    release(path.join(out, 'release-tars'), { 'old.tar.gz': 'old' });
    const missing = path.join(out, 'stage/release-tars');
    await expect(publishRelease(missing, path.join(out, 'release-tars'))).rejects.toThrow(
      new RegExp(`^Could not move the release from ${missing} to ${path.join(out, 'release-tars')}: ENOENT`),
    );
    expect(readdirSync(path.join(out, 'release-tars'))).toEqual(['old.tar.gz']);
    expect(readdirSync(out)).toEqual(['release-tars']);
  });
});

describe('publishedFiles', () => {
  it('sizes each published file and keeps its sha256', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'published-'));
    try {
      writeFileSync(path.join(dir, 'a.tar.gz'), '12345');
      const digests = [{ file: 'a.tar.gz', sha256: 'aa', sha512: 'bb' }];
      await expect(publishedFiles(dir, digests)).resolves.toEqual({ dir, files: [{ file: 'a.tar.gz', size: 5, sha256: 'aa' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
