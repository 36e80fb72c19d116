/**
 * Layers point one way: plugin/ (inference and the shared vocabulary) at the
 * bottom, executors/ and generators/ above it, neither of those two reaching
 * into the other.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'files' || e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** `file → target` for each relative import of the files under `layer`, targets as top-level folders. */
export function importsOf(layer: string): { file: string; spec: string; top: string }[] {
  return sources(path.join(ROOT, layer)).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => {
      const rel = path.relative(ROOT, path.resolve(path.dirname(file), m[1]));
      return { file: path.relative(ROOT, file), spec: m[1], top: rel.split(path.sep)[0] };
    }),
  );
}

describe('layers', () => {
  it.each([
    ['plugin', ['executors', 'generators', 'bench', 'e2e']],
    ['executors', ['generators', 'bench', 'e2e']],
    ['generators', ['executors', 'bench', 'e2e']],
  ])('%s imports nothing from %p', (layer, above) => {
    const wrong = importsOf(layer)
      .filter((i) => above.includes(i.top))
      .map((i) => `${i.file} imports ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('sees an import that climbs a layer', () => {
    // The walker itself: executors/ does import plugin/, so it must find such edges.
    expect(importsOf('executors').some((i) => i.top === 'plugin')).toBe(true);
  });
});
