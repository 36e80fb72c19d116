/**
 * The packages that write the bytes of images and release tarballs are pinned
 * exactly, in package.json and the lock alike, so an install can never pick a
 * version whose output differs from the golden digests (write.spec.ts,
 * package.spec.ts) and from every checksum published before.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const OUTPUT_SHAPING = ['tar-stream'];

describe('dependencies that shape output bytes', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  it.each(OUTPUT_SHAPING)('%s is an exact version in package.json, the lock, and node_modules', (name) => {
    const want = pkg.dependencies[name];
    expect(want).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages[''].dependencies[name]).toBe(want);
    expect(lock.packages[`node_modules/${name}`].version).toBe(want);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version).toBe(want);
  });
});
