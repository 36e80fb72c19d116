import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { checkEntryName, GzipOsByte, normalizeEntries, TarEntry, writeTarGz } from './tar';
import { listTarGz } from './tar.spec-helpers';

const readTarGz = (file: string) => listTarGz(file, { withBodies: true });

describe('writeTarGz', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tar-'));
    writeFileSync(path.join(dir, 'kubelet'), 'ELF kubelet');
    chmodSync(path.join(dir, 'kubelet'), 0o700);
    writeFileSync(path.join(dir, 'notes.txt'), 'notes');
    chmodSync(path.join(dir, 'notes.txt'), 0o600);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entries = (): TarEntry[] => [
    { type: 'file', name: 'kubernetes/server/bin/kubelet', source: path.join(dir, 'kubelet') },
    { type: 'file', name: 'kubernetes/version', content: 'v1.30.0\n' },
    { type: 'symlink', name: 'kubernetes/link', target: 'server/bin/kubelet' },
    { type: 'file', name: 'kubernetes/notes.txt', source: path.join(dir, 'notes.txt') },
    { type: 'file', name: 'kubernetes/server/kubectl.exe', content: 'MZ', executable: true },
  ];

  it('writes sorted entries with a directory for every parent, fixed owners, modes and mtime', async () => {
    const out = path.join(dir, 'a.tar.gz');
    await writeTarGz(out, entries(), { mtime: 1700000000 });
    const read = await readTarGz(out);
    expect(read.map((e) => [e.name, e.type, e.mode.toString(8)])).toEqual([
      ['kubernetes/', 'directory', '755'],
      ['kubernetes/link', 'symlink', '777'],
      ['kubernetes/notes.txt', 'file', '644'],
      ['kubernetes/server/', 'directory', '755'],
      ['kubernetes/server/bin/', 'directory', '755'],
      ['kubernetes/server/bin/kubelet', 'file', '755'],
      ['kubernetes/server/kubectl.exe', 'file', '755'],
      ['kubernetes/version', 'file', '644'],
    ]);
    for (const e of read) {
      expect([e.uid, e.gid, e.uname, e.gname, e.mtime]).toEqual([0, 0, '', '', 1700000000]);
    }
    expect(read.find((e) => e.name === 'kubernetes/link')?.linkname).toBe('server/bin/kubelet');
    expect(read.find((e) => e.name === 'kubernetes/server/bin/kubelet')?.body?.toString()).toBe('ELF kubelet');
    expect(read.find((e) => e.name === 'kubernetes/version')?.body?.toString()).toBe('v1.30.0\n');
  });

  it('gives the same bytes twice even when the files on disk change time and mode', async () => {
    const a = path.join(dir, 'a.tar.gz');
    const b = path.join(dir, 'b.tar.gz');
    await writeTarGz(a, entries(), { mtime: 1700000000 });
    utimesSync(path.join(dir, 'kubelet'), 1, 1);
    chmodSync(path.join(dir, 'kubelet'), 0o751);
    await writeTarGz(b, [...entries()].reverse(), { mtime: 1700000000 });
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('writes a gzip header with no file name, mtime 0 and the Unix OS byte', async () => {
    const out = path.join(dir, 'a.tar.gz');
    await writeTarGz(out, entries(), { mtime: 1700000000 });
    // ID1 ID2 CM FLG MTIME(4) XFL OS
    expect([...readFileSync(out).subarray(0, 10)]).toEqual([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
  });

  it.each([[1], [4], [9], [10], [64]])('sets the OS byte to Unix when zlib output arrives in %i-byte chunks', async (size) => {
    const gz = Buffer.from(gzipSync(Buffer.from('payload')));
    gz[9] = 0x0a; // as zlib built for Windows writes it
    const t = new GzipOsByte();
    const out: Buffer[] = [];
    t.on('data', (c: Buffer) => out.push(c));
    const ended = new Promise((r) => t.on('end', r));
    for (let i = 0; i < gz.length; i += size) t.write(gz.subarray(i, i + size));
    t.end();
    await ended;
    const fixed = Buffer.concat(out);
    expect(fixed[9]).toBe(0x03);
    expect(fixed.subarray(10).equals(gz.subarray(10))).toBe(true);
    expect(gz[9]).toBe(0x0a);
  });

  it('streams a large file through unchanged', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    writeFileSync(path.join(dir, 'big'), big);
    const out = path.join(dir, 'big.tar.gz');
    await writeTarGz(out, [{ type: 'file', name: 'k/big', source: path.join(dir, 'big') }], { mtime: 0 });
    const read = await readTarGz(out);
    expect(read.map((e) => e.name)).toEqual(['k/', 'k/big']);
    expect(read[1].body?.equals(big)).toBe(true);
  });

  it('removes the partial tarball when a source is missing', async () => {
    const out = path.join(dir, 'bad.tar.gz');
    await expect(
      writeTarGz(out, [{ type: 'file', name: 'k/missing', source: path.join(dir, 'missing') }], { mtime: 0 }),
    ).rejects.toThrow(/ENOENT/);
    expect(existsSync(out)).toBe(false);
  });

  it('stops and removes the tarball when aborted', async () => {
    const out = path.join(dir, 'aborted.tar.gz');
    const controller = new AbortController();
    controller.abort();
    await expect(writeTarGz(out, entries(), { mtime: 0, signal: controller.signal })).rejects.toThrow(
      `Writing ${out} was interrupted.`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('entry names', () => {
  it.each(['/etc/passwd', '../x', 'a/../b', 'a//b', './a', 'a/.', 'C:/x', 'a\\b', ''])('rejects %j', (name) => {
    expect(() => checkEntryName(name)).toThrow(
      new Error(
        `Tar entry name "${name}" is not a clean relative path; use forward slashes with no leading "/", "." or ".." segments.`,
      ),
    );
  });

  it('accepts a directory name with a trailing slash', () => {
    expect(checkEntryName('kubernetes/server/')).toBe('kubernetes/server');
  });

  it('rejects a path given twice', () => {
    expect(() =>
      normalizeEntries([
        { type: 'file', name: 'k/a', content: '1' },
        { type: 'file', name: 'k/a', content: '2' },
      ]),
    ).toThrow(new Error('Tar entry "k/a" is given twice; each path may appear once.'));
  });

  it('rejects a file that is also a parent', () => {
    expect(() =>
      normalizeEntries([
        { type: 'file', name: 'k/a', content: '1' },
        { type: 'file', name: 'k/a/b', content: '2' },
      ]),
    ).toThrow(new Error('Tar entry "k/a" is a file, not a directory, yet it is the parent of "k/a/b"; rename one of them.'));
  });

  it('sorts in byte order so parents precede children', () => {
    const names = normalizeEntries([
      { type: 'file', name: 'k/a/x', content: '' },
      { type: 'file', name: 'k/a-b', content: '' },
      { type: 'file', name: 'k/B', content: '' },
    ]).map((e) => e.name);
    expect(names).toEqual(['k', 'k/B', 'k/a', 'k/a-b', 'k/a/x']);
  });
});
