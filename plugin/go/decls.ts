/**
 * Package-level declarations of one Go file, read from text alone: enough to
 * tell a version package (string vars, `Get()`, struct fields) without Go.
 */
export interface GoDecls {
  packageName: string;
  imports: { alias?: string; path: string }[];
  /** Package-level vars declared with type string or a string literal value. */
  stringVars: string[];
  /** The literal a string var is initialized to (`var v = "dev"`: v → dev), quotes removed. */
  stringValues: Record<string, string>;
  /** Every other package-level var: a type or value that is not plainly a string (-X would fail or do nothing). */
  otherVars: string[];
  /** Top-level functions (methods excluded): parameter and result text, spaces between tokens. */
  funcs: { name: string; params: string; results: string }[];
  /** Struct type name → field names (embedded fields by their type name). */
  structs: Record<string, string[]>;
}

type Kind = 'ident' | 'string' | 'nl' | 'punct' | 'other';

interface Token {
  kind: Kind;
  text: string;
}

const isIdentStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isIdentPart = (c: string): boolean => /[\p{L}\p{Nd}_]/u.test(c);

/** Tokens without comments; a newline (or a comment spanning one) is one `nl` token. */
function tokenize(text: string): Token[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Token[] = [];
  const nl = (): void => {
    if (out.length > 0 && out[out.length - 1].kind !== 'nl') out.push({ kind: 'nl', text: '\n' });
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') {
      nl();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && s[i + 1] === '/') {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      const stop = end < 0 ? s.length : end + 2;
      if (s.slice(i, stop).includes('\n')) nl();
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
      out.push({ kind: c === '"' ? 'string' : 'other', text: s.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '`') {
      const end = s.indexOf('`', i + 1);
      const stop = end < 0 ? s.length : end + 1;
      out.push({ kind: 'string', text: s.slice(i, stop) });
      i = stop;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < s.length && isIdentPart(s[j])) j++;
      out.push({ kind: 'ident', text: s.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9A-Za-z_.]/.test(s[j])) j++;
      out.push({ kind: 'other', text: s.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

const OPEN: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** Index just past the bracket matching the one at `i`. */
function skipGroup(t: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (t[j].kind !== 'punct') continue;
    if (OPEN[t[j].text]) depth++;
    else if (t[j].text === ')' || t[j].text === '}' || t[j].text === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return t.length;
}

/** Splits t[from, to) into specs at depth-0 newlines and semicolons. */
function specs(t: Token[], from: number, to: number): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let j = from; j < to; j++) {
    const tok = t[j];
    if (tok.kind === 'punct' && OPEN[tok.text]) depth++;
    else if (tok.kind === 'punct' && (tok.text === ')' || tok.text === '}' || tok.text === ']')) depth--;
    if (depth === 0 && (tok.kind === 'nl' || (tok.kind === 'punct' && tok.text === ';'))) {
      if (cur.length > 0) out.push(cur);
      cur = [];
    } else if (tok.kind !== 'nl') {
      cur.push(tok);
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** One declaration: `kw spec` or `kw ( spec... )`; returns its specs and where it ends. */
function declSpecs(t: Token[], i: number): { list: Token[][]; next: number } {
  let j = i + 1;
  while (j < t.length && t[j].kind === 'nl') j++;
  if (t[j]?.text === '(') {
    const end = skipGroup(t, j);
    return { list: specs(t, j + 1, end - 1), next: end };
  }
  let end = j;
  let depth = 0;
  while (end < t.length) {
    const tok = t[end];
    if (tok.kind === 'punct' && OPEN[tok.text]) depth++;
    else if (tok.kind === 'punct' && (tok.text === ')' || tok.text === '}' || tok.text === ']')) depth--;
    if (depth === 0 && (tok.kind === 'nl' || tok.text === ';')) break;
    end++;
  }
  return { list: specs(t, j, end), next: end };
}

/** Names split by commas at the head of a spec, and the index after them. */
function headNames(spec: Token[]): { names: string[]; at: number } {
  const names: string[] = [];
  let k = 0;
  while (k < spec.length && spec[k].kind === 'ident') {
    names.push(spec[k].text);
    k++;
    if (spec[k]?.text !== ',') break;
    k++;
  }
  return { names, at: k };
}

/** The values of a spec after its `=`, split at depth-0 commas. */
function specValues(spec: Token[], eq: number): Token[][] {
  const values: Token[][] = [[]];
  if (eq < 0) return [];
  let depth = 0;
  for (const tok of spec.slice(eq + 1)) {
    if (tok.kind === 'punct' && OPEN[tok.text]) depth++;
    else if (tok.kind === 'punct' && (tok.text === ')' || tok.text === '}' || tok.text === ']')) depth--;
    if (depth === 0 && tok.text === ',') values.push([]);
    else values[values.length - 1].push(tok);
  }
  return values;
}

const literal = (tok: Token): string => (tok.text.startsWith('`') ? tok.text.slice(1, -1) : tok.text.slice(1, -1).replace(/\\(.)/g, '$1'));

function varSpec(spec: Token[], d: GoDecls): void {
  const { names, at } = headNames(spec);
  if (names.length === 0) return;
  const eq = spec.findIndex((x, k) => k >= at && x.text === '=');
  const type = spec.slice(at, eq < 0 ? spec.length : eq);
  const values = specValues(spec, eq);
  const typed = type.length === 1 && type[0].text === 'string';
  names.forEach((n, k) => {
    const v = values[k];
    // Untyped: a name is a string when its value is a lone string literal.
    const lone = v?.length === 1 && v[0].kind === 'string';
    if (n === '_' || (!typed && (type.length > 0 || !lone))) {
      if (n !== '_') d.otherVars.push(n);
      return;
    }
    d.stringVars.push(n);
    if (lone) d.stringValues[n] = literal(v[0]);
  });
}

function structFields(t: Token[], open: number): { fields: string[]; next: number } {
  const end = skipGroup(t, open);
  const fields: string[] = [];
  for (const spec of specs(t, open + 1, end - 1)) {
    const body = spec[spec.length - 1].kind === 'string' ? spec.slice(0, -1) : spec;
    if (body.length === 0) continue;
    const embedded =
      body[0].text === '*' ||
      body.length === 1 ||
      (body.length === 3 && body[1].text === '.' && body[2].kind === 'ident');
    if (embedded) {
      const last = body[body.length - 1];
      if (last.kind === 'ident') fields.push(last.text);
      continue;
    }
    fields.push(...headNames(body).names);
  }
  return { fields, next: end };
}

function typeSpecs(t: Token[], i: number, structs: Record<string, string[]>): number {
  let j = i + 1;
  while (j < t.length && t[j].kind === 'nl') j++;
  const grouped = t[j]?.text === '(';
  const stop = grouped ? skipGroup(t, j) - 1 : t.length;
  if (grouped) j++;
  while (j < stop) {
    while (j < stop && (t[j].kind === 'nl' || t[j].text === ';')) j++;
    if (j >= stop) break;
    const name = t[j];
    let k = j + 1;
    if (t[k]?.text === '[') k = skipGroup(t, k);
    if (t[k]?.text === '=') k++;
    if (name.kind === 'ident' && t[k]?.text === 'struct' && t[k + 1]?.text === '{') {
      const r = structFields(t, k + 1);
      structs[name.text] = r.fields;
      k = r.next;
    }
    // Skip the rest of this type spec.
    let depth = 0;
    while (k < stop) {
      const tok = t[k];
      if (tok.kind === 'punct' && OPEN[tok.text]) depth++;
      else if (tok.kind === 'punct' && (tok.text === ')' || tok.text === '}' || tok.text === ']')) depth--;
      if (depth === 0 && (tok.kind === 'nl' || tok.text === ';')) break;
      k++;
    }
    j = k;
    if (!grouped) return j;
  }
  return grouped ? stop + 1 : j;
}

const joinTokens = (list: Token[]): string =>
  list
    .filter((x) => x.kind !== 'nl')
    .map((x) => x.text)
    .join(' ');

/** `import "p"` or an import block: paths and aliases. Returns the token after it. */
function importDecl(t: Token[], i: number, d: GoDecls): number {
  const r = declSpecs(t, i);
  for (const spec of r.list) {
    const lit = spec[spec.length - 1];
    if (lit?.kind !== 'string') continue;
    const alias = spec.length > 1 ? spec[0].text : undefined;
    d.imports.push({ path: lit.text.slice(1, -1), ...(alias ? { alias } : {}) });
  }
  return r.next;
}

/** A func declaration's name, params and results (methods are skipped). Returns the token after its signature. */
function funcDecl(t: Token[], i: number, d: GoDecls): number {
  let j = i + 1;
  if (t[j]?.text === '(') return skipGroup(t, j); // A method: skip its receiver; the body is skipped as a group.
  if (t[j]?.kind !== 'ident') return j;
  const name = t[j].text;
  j++;
  if (t[j]?.text === '[') j = skipGroup(t, j);
  if (t[j]?.text !== '(') return j;
  const pEnd = skipGroup(t, j);
  let k = pEnd;
  while (k < t.length && t[k].text !== '{' && t[k].kind !== 'nl') {
    k = t[k].kind === 'punct' && OPEN[t[k].text] ? skipGroup(t, k) : k + 1;
  }
  d.funcs.push({ name, params: joinTokens(t.slice(j + 1, pEnd - 1)), results: joinTokens(t.slice(pEnd, k)) });
  return k;
}

/** Reads the package-level declarations of one Go file. */
export function parseGoDecls(text: string): GoDecls {
  const t = tokenize(text);
  const d: GoDecls = { packageName: '', imports: [], stringVars: [], stringValues: {}, otherVars: [], funcs: [], structs: {} };
  let i = 0;
  while (i < t.length) {
    const tok = t[i];
    if (tok.kind === 'punct' && OPEN[tok.text]) {
      i = skipGroup(t, i);
      continue;
    }
    if (tok.kind !== 'ident') {
      i++;
      continue;
    }
    switch (tok.text) {
      case 'package':
        if (t[i + 1]?.kind === 'ident' && d.packageName === '') d.packageName = t[i + 1].text;
        i += 2;
        break;
      case 'import':
        i = importDecl(t, i, d);
        break;
      case 'var': {
        const r = declSpecs(t, i);
        for (const spec of r.list) varSpec(spec, d);
        i = r.next;
        break;
      }
      case 'const': {
        i = declSpecs(t, i).next;
        break;
      }
      case 'type':
        i = typeSpecs(t, i, d.structs);
        break;
      case 'func':
        i = funcDecl(t, i, d);
        break;
      default:
        i++;
    }
  }
  return d;
}
