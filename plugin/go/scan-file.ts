import { GoFileHeader } from './types';
import { printable } from '../vocabulary/printable';

/**
 * Reads the package clause, the imports and the build constraint of one Go
 * file. The tokenizer stops at the first declaration that is not an import,
 * so the body of the file is never tokenized.
 */
export function parseGoFileHeader(text: string): GoFileHeader {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  let i = 0;
  let line = 1;
  // Only whitespace seen so far on the current line.
  let lineStart = true;
  let inHeader = true;
  // `// +build` lines count only when a blank line follows them.
  let lastBlankLine = 0;
  let goBuild: string | undefined;
  const plusBuild: { line: number; expr: string }[] = [];

  const fail = (msg: string): never => {
    throw new Error(`line ${line}: ${msg}`);
  };

  const directive = (comment: string): void => {
    if (goBuild === undefined && comment.startsWith('//go:build') && isSpaceOrEnd(comment, 10)) {
      goBuild = comment.slice(10).trim();
      return;
    }
    const body = comment.slice(2).trim();
    if (body.startsWith('+build') && isSpaceOrEnd(body, 6)) {
      plusBuild.push({ line, expr: body.slice(6).trim() });
    }
  };

  const skip = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        if (lineStart && inHeader) lastBlankLine = line;
        line++;
        lineStart = true;
        i++;
      } else if (c === 32 || c === 9 || c === 13) {
        i++;
      } else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        let end = s.indexOf('\n', i);
        if (end < 0) end = n;
        if (inHeader && lineStart) directive(s.slice(i, end).trimEnd());
        i = end;
        lineStart = false;
      } else if (c === 47 && s.charCodeAt(i + 1) === 42) {
        const end = s.indexOf('*/', i + 2);
        if (end < 0) fail('unterminated block comment');
        for (let j = i + 2; j < end; j++) if (s.charCodeAt(j) === 10) line++;
        i = end + 2;
        lineStart = false;
      } else {
        return;
      }
    }
  };

  const keyword = (word: string): boolean =>
    s.startsWith(word, i) && !isIdentChar(s.charCodeAt(i + word.length));

  const ident = (): string => {
    const start = i;
    while (i < n && isIdentChar(s.charCodeAt(i))) i++;
    return s.slice(start, i);
  };

  const stringLit = (): string => {
    const q = s.charCodeAt(i);
    const start = i;
    if (q === 96) {
      const end = s.indexOf('`', i + 1);
      if (end < 0) fail('unterminated raw string');
      for (let j = i + 1; j < end; j++) if (s.charCodeAt(j) === 10) line++;
      i = end + 1;
      return s.slice(start + 1, end).replace(/\r/g, '');
    }
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) break;
      else if (c === 10) fail('newline in string');
      else i++;
    }
    if (i >= n) fail('unterminated string');
    i++;
    return unquoteGo(s.slice(start + 1, i - 1), line);
  };

  const imports: { path: string; line: number }[] = [];
  const importSpec = (): void => {
    skip();
    const c = s.charCodeAt(i);
    if (c === 46) {
      i++;
    } else if (c !== 34 && c !== 96) {
      if (ident() === '') fail('malformed import declaration');
    }
    skip();
    const q = s.charCodeAt(i);
    if (q !== 34 && q !== 96) fail('import path must be a string');
    const at = line;
    imports.push({ path: stringLit(), line: at });
  };

  skip();
  let packageName = '';
  if (keyword('package')) {
    i += 7;
    inHeader = false;
    skip();
    packageName = ident();
    for (;;) {
      skip();
      if (s.charCodeAt(i) === 59) {
        i++;
        continue;
      }
      if (!keyword('import')) break;
      i += 6;
      skip();
      if (s.charCodeAt(i) !== 40) {
        importSpec();
        continue;
      }
      i++;
      for (;;) {
        skip();
        if (i >= n) fail('unterminated import block');
        const c = s.charCodeAt(i);
        if (c === 41) {
          i++;
          break;
        }
        if (c === 59) {
          i++;
          continue;
        }
        importSpec();
      }
    }
  }

  const header: GoFileHeader = { packageName, imports, embeds: findEmbeds(s) };
  const plus = plusBuild.filter((p) => p.line < lastBlankLine).map((p) => p.expr);
  if (goBuild !== undefined) header.buildConstraint = goBuild;
  else if (plus.length > 0) header.buildConstraint = plusBuildToExpr(plus);
  return header;
}

/** Patterns of every `//go:embed` line, found by indexOf so the body is not tokenized. */
export function findEmbeds(s: string): string[] {
  const out: string[] = [];
  let at = s.indexOf('//go:embed');
  while (at >= 0) {
    let end = s.indexOf('\n', at);
    if (end < 0) end = s.length;
    if (atLineStart(s, at) && isSpaceOrEnd(s, at + 10)) {
      out.push(...splitEmbedArgs(s.slice(at + 10, end)));
    }
    at = s.indexOf('//go:embed', end);
  }
  return out;
}

/** Where the Go string literal opening at s[i] (`"` or a backquote) closes, or -1 when it does not. */
export function quotedEnd(s: string, i: number): number {
  if (s[i] === '`') return s.indexOf('`', i + 1);
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j < s.length ? j : -1;
}

function splitEmbedArgs(rest: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = rest.length;
  while (i < n) {
    const c = rest[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '"' || c === '`') {
      let j = quotedEnd(rest, i);
      if (j < 0) j = n;
      const body = rest.slice(i + 1, j);
      out.push(c === '"' ? unquoteGo(body, 0) : body);
      i = j + 1;
    } else {
      let j = i;
      while (j < n && rest[j] !== ' ' && rest[j] !== '\t' && rest[j] !== '\r') j++;
      out.push(rest.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Go's rule: the first path element of a standard library import has no dot; "C" is cgo. */
export function isStdlibImport(path: string): boolean {
  if (path === 'C') return true;
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  return first !== '' && !first.includes('.');
}

/** `// +build a,b c` lines in the `//go:build` syntax: spaces are OR, commas AND, lines AND. */
export function plusBuildToExpr(lines: string[]): string {
  const clauses = lines.map((l) => {
    const ors = l.split(/\s+/).filter(Boolean).map((term) => {
      const ands = term.split(',').filter(Boolean);
      return ands.length > 1 ? ands.join(' && ') : ands[0];
    });
    if (ors.length === 1) return ors[0];
    return ors.map((o) => (o.includes('&&') ? `(${o})` : o)).join(' || ');
  });
  if (clauses.length === 1) return clauses[0];
  return clauses.map((c) => (c.includes('||') ? `(${c})` : c)).join(' && ');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

function unquoteGo(body: string, line: number): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, e: string) => {
    if (e.length === 1) {
      const r = SIMPLE_ESCAPES[e];
      if (r === undefined) throw new Error(`line ${line}: unknown escape sequence \\${printable(e)}`);
      return r;
    }
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return String.fromCharCode(parseInt(e, 8));
  });
}

function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 0x80
  );
}

function isSpaceOrEnd(s: string, at: number): boolean {
  if (at >= s.length) return true;
  const c = s.charCodeAt(at);
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function atLineStart(s: string, at: number): boolean {
  for (let j = at - 1; j >= 0; j--) {
    const c = s.charCodeAt(j);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
