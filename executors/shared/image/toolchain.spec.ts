import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseElfDeps, readElfDeps } from './elf';
import { gorootEntries, hostGoroot, rootfsEntries, runtimeLibraries, toolchainExecutables } from './toolchain';

/** A minimal little-endian ELF64 with PT_LOAD, PT_INTERP and PT_DYNAMIC (DT_NEEDED, DT_STRTAB). */
function fakeElf(interp: string | undefined, needed: string[]): Buffer {
  const strtab = Buffer.from(`\0${needed.join('\0')}\0`, 'latin1');
  const nameOffsets: number[] = [];
  let o = 1;
  for (const n of needed) {
    nameOffsets.push(o);
    o += n.length + 1;
  }
  const phnum = interp ? 3 : 2;
  const phoff = 64;
  const interpOff = phoff + 56 * phnum;
  const interpBuf = Buffer.from(`${interp ?? ''}\0`, 'latin1');
  const strOff = interpOff + (interp ? interpBuf.length : 0);
  const dynOff = strOff + strtab.length + 8;
  const dynEntries = [...nameOffsets.map((n) => [1, n]), [5, 0x400000 + strOff], [0, 0]];
  const size = dynOff + dynEntries.length * 16;
  const b = Buffer.alloc(size);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2;
  b[5] = 1;
  b.writeBigUInt64LE(BigInt(phoff), 0x20);
  b.writeUInt16LE(56, 0x36);
  b.writeUInt16LE(phnum, 0x38);
  const ph = (i: number, type: number, offset: number, vaddr: number, filesz: number) => {
    const p = phoff + i * 56;
    b.writeUInt32LE(type, p);
    b.writeBigUInt64LE(BigInt(offset), p + 8);
    b.writeBigUInt64LE(BigInt(vaddr), p + 16);
    b.writeBigUInt64LE(BigInt(filesz), p + 32);
  };
  ph(0, 1, 0, 0x400000, size);
  ph(1, 2, dynOff, 0x400000 + dynOff, dynEntries.length * 16);
  if (interp) {
    ph(2, 3, interpOff, 0x400000 + interpOff, interpBuf.length);
    interpBuf.copy(b, interpOff);
  }
  strtab.copy(b, strOff);
  dynEntries.forEach(([tag, val], i) => {
    b.writeBigInt64LE(BigInt(tag), dynOff + i * 16);
    b.writeBigUInt64LE(BigInt(val), dynOff + i * 16 + 8);
  });
  return b;
}

const reader = (buf: Buffer) => (o: number, l: number) => buf.subarray(o, o + l);

describe('parseElfDeps', () => {
  it('reads the loader and DT_NEEDED of a dynamic binary', () => {
    const elf = fakeElf('/lib64/ld-linux-x86-64.so.2', ['libc.so.6', 'libpthread.so.0']);
    expect(parseElfDeps(reader(elf))).toEqual({
      interp: '/lib64/ld-linux-x86-64.so.2',
      needed: ['libc.so.6', 'libpthread.so.0'],
    });
  });

  it('gives no loader for a shared library and nothing for a non-ELF file', () => {
    expect(parseElfDeps(reader(fakeElf(undefined, ['ld-linux-x86-64.so.2'])))).toEqual({
      interp: undefined,
      needed: ['ld-linux-x86-64.so.2'],
    });
    expect(parseElfDeps(reader(Buffer.from('#!/bin/sh\necho hi\n'.padEnd(80))))).toBeUndefined();
  });

  if (process.platform === 'linux') {
    it('reads this machine’s node binary', () => {
      const deps = readElfDeps(process.execPath);
      if (deps?.interp) expect(deps.needed).toContain('libc.so.6');
    });
  }
});

describe('host toolchain in the build context', () => {
  let root: string;
  let goroot: string;
  let libdir: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-goroot-'));
    // Debian's layout: GOROOT links src/ into another tree.
    const share = path.join(root, 'share', 'go');
    fs.mkdirSync(path.join(share, 'src', 'fmt'), { recursive: true });
    fs.writeFileSync(path.join(share, 'src', 'fmt', 'print.go'), 'package fmt\n');
    fs.mkdirSync(path.join(share, 'test'), { recursive: true });
    fs.writeFileSync(path.join(share, 'test', 'big.go'), 'package main\n');
    goroot = path.join(root, 'lib', 'go');
    fs.mkdirSync(path.join(goroot, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(goroot, 'pkg', 'tool', 'linux_amd64'), { recursive: true });
    fs.mkdirSync(path.join(goroot, 'pkg', 'linux_amd64'), { recursive: true });
    fs.mkdirSync(path.join(goroot, 'pkg', 'linux_amd64_race'), { recursive: true });
    fs.writeFileSync(path.join(goroot, 'pkg', 'linux_amd64', 'fmt.a'), 'archive');
    fs.writeFileSync(path.join(goroot, 'pkg', 'linux_amd64_race', 'fmt.a'), 'archive');
    fs.writeFileSync(path.join(goroot, 'VERSION'), 'go1.19.8\n');
    fs.symlinkSync(path.join('..', '..', 'share', 'go', 'src'), path.join(goroot, 'src'));
    fs.symlinkSync(path.join('..', '..', 'share', 'go', 'test'), path.join(goroot, 'test'));
    fs.mkdirSync(path.join(goroot, 'doc'));
    fs.mkdirSync(path.join(goroot, 'api'));
    fs.mkdirSync(path.join(goroot, 'misc'));

    libdir = path.join(root, 'usr', 'lib', 'x86_64-linux-gnu');
    fs.mkdirSync(libdir, { recursive: true });
    fs.mkdirSync(path.join(root, 'lib64'));
    fs.writeFileSync(path.join(libdir, 'ld-linux-x86-64.so.2'), fakeElf(undefined, []));
    fs.symlinkSync(path.join(libdir, 'ld-linux-x86-64.so.2'), path.join(root, 'lib64', 'ld-linux-x86-64.so.2'));
    fs.writeFileSync(path.join(libdir, 'libc.so.6'), fakeElf(undefined, ['ld-linux-x86-64.so.2']));
    fs.writeFileSync(path.join(goroot, 'bin', 'go'), fakeElf(path.join(root, 'lib64', 'ld-linux-x86-64.so.2'), ['libc.so.6']));
    fs.chmodSync(path.join(goroot, 'bin', 'go'), 0o755);
    fs.writeFileSync(path.join(goroot, 'pkg', 'tool', 'linux_amd64', 'compile'), fakeElf(undefined, []));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('copies GOROOT through its symlinks, without test/, api/, doc/, misc/ and race packages', () => {
    const entries = gorootEntries(goroot);
    expect(entries.map((e) => `${e.type === 'directory' ? 'd' : 'f'} ${e.name}`)).toEqual([
      'd toolchain/go',
      'f toolchain/go/VERSION',
      'd toolchain/go/bin',
      'f toolchain/go/bin/go',
      'd toolchain/go/pkg',
      'd toolchain/go/pkg/linux_amd64',
      'f toolchain/go/pkg/linux_amd64/fmt.a',
      'd toolchain/go/pkg/tool',
      'd toolchain/go/pkg/tool/linux_amd64',
      'f toolchain/go/pkg/tool/linux_amd64/compile',
      'd toolchain/go/src',
      'd toolchain/go/src/fmt',
      'f toolchain/go/src/fmt/print.go',
    ]);
    const printGo = entries.find((e) => e.name === 'toolchain/go/src/fmt/print.go')!;
    expect(printGo.source).toBe(path.join(goroot, 'src', 'fmt', 'print.go'));
    expect(printGo.size).toBe('package fmt\n'.length);
    expect(entries.find((e) => e.name === 'toolchain/go/bin/go')!.mode).toBe(0o755);
  });

  it('finds the loader and libc the go binary needs, dereferenced', () => {
    const libs = runtimeLibraries(toolchainExecutables(goroot), [libdir]);
    expect(libs).toEqual([
      { path: path.join(root, 'lib64', 'ld-linux-x86-64.so.2'), source: fs.realpathSync(path.join(libdir, 'ld-linux-x86-64.so.2')) },
      { path: path.join(libdir, 'ld-linux-x86-64.so.2'), source: fs.realpathSync(path.join(libdir, 'ld-linux-x86-64.so.2')) },
      { path: path.join(libdir, 'libc.so.6'), source: fs.realpathSync(path.join(libdir, 'libc.so.6')) },
    ]);
  });

  it('names a library it cannot find', () => {
    const bin = path.join(root, 'needs-missing');
    fs.writeFileSync(bin, fakeElf(undefined, ['libmissing.so.1']));
    expect(() => runtimeLibraries([bin], [libdir])).toThrow(
      `The Go toolchain needs libmissing.so.1 (from ${bin}) but it is in none of ${libdir}: install it or use a Go tarball or a FROM golang:<version> Dockerfile.`,
    );
  });

  it('lays libraries out at their absolute paths with world-writable /tmp and /go-cache', () => {
    const libs = runtimeLibraries(toolchainExecutables(goroot), [libdir]);
    const entries = rootfsEntries(libs);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('toolchain/rootfs/tmp')).toMatchObject({ type: 'directory', mode: 0o1777 });
    expect(byName.get('toolchain/rootfs/go-cache')).toMatchObject({ type: 'directory', mode: 0o1777 });
    const loader = byName.get(`toolchain/rootfs${path.join(root, 'lib64', 'ld-linux-x86-64.so.2')}`);
    expect(loader).toMatchObject({ type: 'file', source: fs.realpathSync(path.join(libdir, 'ld-linux-x86-64.so.2')) });
    expect(byName.get(`toolchain/rootfs${libdir}/libc.so.6`)?.type).toBe('file');
    // Every parent folder is listed before its children.
    const names = entries.map((e) => e.name);
    for (const e of entries) {
      const parent = path.posix.dirname(e.name);
      if (parent !== 'toolchain') expect(names.indexOf(parent)).toBeLessThan(names.indexOf(e.name));
    }
  });
});

describe('hostGoroot', () => {
  type Run = NonNullable<Parameters<typeof hostGoroot>[0]>;
  it('asks go with GOTOOLCHAIN=local from a neutral dir, so no go.mod line makes it download a toolchain', async () => {
    const run = jest.fn().mockResolvedValue({ stdout: '/usr/lib/go-1.19\n' });
    await expect(hostGoroot(run as unknown as Run)).resolves.toBe('/usr/lib/go-1.19');
    expect(run).toHaveBeenCalledWith('go', ['env', 'GOROOT'], { cwd: os.tmpdir(), env: { GOTOOLCHAIN: 'local' } });
  });

  it("shows Go's own stderr when the probe fails", async () => {
    const run = jest.fn().mockRejectedValue(
      Object.assign(new Error('Command failed with exit code 1: go env GOROOT'), { stderr: 'go: go.mod requires go >= 1.99 (running go 1.23.9; GOTOOLCHAIN=local)' }),
    );
    await expect(hostGoroot(run as unknown as Run)).rejects.toThrow(
      'No host Go toolchain for the build image: GOTOOLCHAIN=local go env GOROOT failed: go: go.mod requires go >= 1.99 (running go 1.23.9; GOTOOLCHAIN=local); install Go and put it first on PATH, set the goroot or goTarball option, or use a FROM golang:<version> Dockerfile.',
    );
  });

  it('says go is missing when there is none', async () => {
    const run = jest.fn().mockRejectedValue(Object.assign(new Error('spawn go ENOENT'), { shortMessage: 'Command failed with ENOENT: go env GOROOT\nspawn go ENOENT', stderr: '' }));
    await expect(hostGoroot(run as unknown as Run)).rejects.toThrow(/GOTOOLCHAIN=local go env GOROOT failed: Command failed with ENOENT: go env GOROOT spawn go ENOENT; install Go/);
  });
});
