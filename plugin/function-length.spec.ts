/**
 * Functions read as their steps: none over 60 lines in what ships or benchmarks,
 * except the Go file-header tokenizer, whose state machine reads best whole.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const MAX = 60;
const EXEMPT = new Set(['plugin/go/scan-file.ts:parseGoFileHeader']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'files' || e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !/\.spec(-helpers)?\.ts$/.test(e.name) ? [p] : [];
  });
}

/** `file:line name (N lines)` for each function longer than `max` lines. */
export function longFunctions(file: string, text: string, max: number): { key: string; line: string }[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { key: string; line: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const from = src.getLineAndCharacterOfPosition(n.getStart()).line;
      const to = src.getLineAndCharacterOfPosition(n.getEnd()).line;
      const named = n.name ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name : undefined);
      const name = named ? named.getText(src) : '(anonymous)';
      if (to - from + 1 > max) out.push({ key: `${file}:${name}`, line: `${file}:${from + 1} ${name} (${to - from + 1} lines)` });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('function length', () => {
  it.each(['plugin', 'executors', 'generators', 'bench'])(`no function in %s/ is over ${MAX} lines`, (dir) => {
    const long = sources(path.join(ROOT, dir))
      .flatMap((f) => longFunctions(path.relative(ROOT, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8'), MAX))
      .filter((l) => !EXEMPT.has(l.key))
      .map((l) => l.line);
    expect(long).toEqual([]);
  });

  it('finds a long function, nested ones too', () => {
    const body = Array.from({ length: 62 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const text = `export function outer() {\n  const inner = () => {\n${body}\n  };\n  return inner;\n}\n`;
    expect(longFunctions('x.ts', text, MAX).map((l) => l.line)).toEqual(['x.ts:1 outer (67 lines)', 'x.ts:2 inner (64 lines)']);
  });
});
