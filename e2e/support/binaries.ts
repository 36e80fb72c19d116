import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';

/** What a binary is, read from its header: ELF machine or PE machine. */
export function binaryKind(file: string): string {
  const b = fs.readFileSync(file);
  if (b.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    // EI_DATA: 2 is big-endian (s390x).
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    const names: Record<number, string> = { 0x3e: 'x86-64', 0xb7: 'aarch64', 0x16: 's390', 0x15: 'ppc64', 0x28: 'arm', 0x03: '386' };
    return `ELF ${names[machine] ?? `machine ${machine}`}`;
  }
  if (b.subarray(0, 2).toString('latin1') === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (b.subarray(pe, pe + 4).equals(Buffer.from('PE\0\0', 'latin1'))) {
      const machine = b.readUInt16LE(pe + 4);
      return `PE ${machine === 0x8664 ? 'x86-64' : machine === 0xaa64 ? 'aarch64' : `machine ${machine}`}`;
    }
  }
  return 'unknown';
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function runBinary(file: string, args: string[]): string {
  const r = spawnSync(file, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim();
}
