/**
 * Just enough ELF reading to learn what a dynamically linked host toolchain
 * needs at run time (PT_INTERP and DT_NEEDED), without relying on ldd.
 */
import * as fs from 'fs';

export interface ElfDeps {
  /** Program interpreter (dynamic loader), absent for static binaries. */
  interp?: string;
  /** DT_NEEDED sonames. */
  needed: string[];
}

type Reader = (offset: number, length: number) => Buffer;

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString('latin1');
}

/** Parses ELF32/ELF64, either byte order; undefined when not ELF. */
export function parseElfDeps(read: Reader): ElfDeps | undefined {
  const ident = read(0, 64);
  if (ident.length < 52 || ident.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = ident[4] === 2;
  const le = ident[5] === 1;
  const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (b: Buffer, o: number): number =>
    is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o);

  const phoff = addr(ident, is64 ? 0x20 : 0x1c);
  const phentsize = u16(ident, is64 ? 0x36 : 0x2a);
  const phnum = u16(ident, is64 ? 0x38 : 0x2c);
  const phdrs = read(phoff, phentsize * phnum);

  const loads: { vaddr: number; offset: number; filesz: number }[] = [];
  let interp: string | undefined;
  let dyn: { offset: number; size: number } | undefined;
  for (let i = 0; i < phnum; i++) {
    const o = i * phentsize;
    const type = u32(phdrs, o);
    const offset = addr(phdrs, o + (is64 ? 8 : 4));
    const vaddr = addr(phdrs, o + (is64 ? 16 : 8));
    const filesz = addr(phdrs, o + (is64 ? 32 : 16));
    if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
    else if (type === PT_INTERP) interp = cString(read(offset, filesz));
    else if (type === PT_DYNAMIC) dyn = { offset, size: filesz };
  }
  if (!dyn) return { interp, needed: [] };

  const entSize = is64 ? 16 : 8;
  const table = read(dyn.offset, dyn.size);
  const neededOffsets: number[] = [];
  let strtab: number | undefined;
  for (let o = 0; o + entSize <= table.length; o += entSize) {
    const tag = is64 ? Number(le ? table.readBigInt64LE(o) : table.readBigInt64BE(o)) : u32(table, o);
    const val = addr(table, o + entSize / 2);
    if (tag === DT_NULL) break;
    if (tag === DT_NEEDED) neededOffsets.push(val);
    if (tag === DT_STRTAB) strtab = val;
  }
  if (strtab === undefined) return { interp, needed: [] };
  const seg = loads.find((l) => strtab! >= l.vaddr && strtab! < l.vaddr + l.filesz);
  const strtabOffset = seg ? strtab - seg.vaddr + seg.offset : strtab;
  const needed = neededOffsets.map((n) => cString(read(strtabOffset + n, 256)));
  return { interp, needed };
}

export function readElfDeps(file: string): ElfDeps | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const read: Reader = (offset, length) => {
      const len = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.alloc(len);
      if (len > 0) fs.readSync(fd, buf, 0, len, offset);
      return buf;
    };
    return parseElfDeps(read);
  } finally {
    fs.closeSync(fd);
  }
}
