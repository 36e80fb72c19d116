/**
 * A Go module proxy of the test's own, in the GOPROXY=file:/// layout the go
 * command reads (cmd/go/internal/modfetch/proxy.go): `<module>/@v/list`,
 * `<version>.info`, `<version>.mod` and `<version>.zip`, the zip's entries
 * under `<module>@<version>/` and stored uncompressed.
 */
import * as fs from 'fs';
import * as path from 'path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of `files` (name → content), every entry stored, fixed DOS time. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Adds `module@version` with `files` (go.mod among them) to the proxy at `root`. */
export function publishModule(root: string, module: string, version: string, files: Record<string, string>): void {
  const dir = path.join(root, module, '@v');
  fs.mkdirSync(dir, { recursive: true });
  const list = path.join(dir, 'list');
  const known = fs.existsSync(list) ? fs.readFileSync(list, 'utf8').split('\n').filter(Boolean) : [];
  fs.writeFileSync(list, [...new Set([...known, version])].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-05-01T12:00:00Z' }));
  fs.writeFileSync(path.join(dir, `${version}.mod`), files['go.mod']);
  const prefixed = Object.fromEntries(Object.entries(files).map(([n, t]) => [`${module}@${version}/${n}`, t]));
  fs.writeFileSync(path.join(dir, `${version}.zip`), storedZip(prefixed));
}
