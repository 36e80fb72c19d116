import { quotedEnd } from './scan-file';
import { GoMod, GoReplace } from './types';
import { printable } from '../vocabulary/printable';

/** Directives Go accepts that the plugin has no use for. */
const IGNORED = new Set(['exclude', 'retract', 'toolchain', 'godebug', 'tool', 'ignore']);
const BLOCK_VERBS = new Set(['require', 'replace', 'exclude', 'retract', 'godebug', 'tool', 'ignore']);

export type Fail = (msg: string) => never;

/**
 * Walks a go.mod or go.work file as modfile does: one directive a line, or a
 * `verb (` block of them; calls `directive` for each with its arguments, the
 * trailing comment and a `fail` that names `file:line`.
 */
export function walkModFile(
  text: string,
  file: string,
  blockVerbs: ReadonlySet<string>,
  directive: (verb: string, args: string[], comment: string, fail: Fail) => void,
): void {
  const lines = stripBom(text).split(/\r?\n/);
  let block: { verb: string; line: number } | undefined;
  for (let idx = 0; idx < lines.length; idx++) {
    const fail: Fail = (msg) => {
      throw new Error(`${file}:${idx + 1}: ${msg}`);
    };
    const { tokens, comment } = lexModLine(lines[idx], fail);
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0] === ')') {
        if (tokens.length > 1) fail('unexpected text after ")"');
        block = undefined;
        continue;
      }
      if (tokens.includes('(')) fail(`unexpected "(" inside ${printable(block.verb)} block`);
      directive(block.verb, tokens, comment, fail);
      continue;
    }
    const verb = tokens[0];
    if (tokens[1] === '(') {
      if (!blockVerbs.has(verb)) fail(`${printable(verb)} does not take a block`);
      if (tokens.length === 2) block = { verb, line: idx + 1 };
      else if (tokens.length !== 3 || tokens[2] !== ')') fail(`unexpected text after "${printable(verb)} ("`);
      continue;
    }
    directive(verb, tokens.slice(1), comment, fail);
  }
  if (block) throw new Error(`${file}:${block.line}: unterminated ${printable(block.verb)} block`);
}

/** Parses a go.mod file; `file` only names it in error messages (`file:line: what`). */
export function parseGoMod(text: string, file: string): GoMod {
  const mod: GoMod = { modulePath: '', requires: [], replaces: [] };
  let sawModule = false;
  walkModFile(text, file, BLOCK_VERBS, (verb, args, comment, fail) => {
    if (verb === 'module') {
      if (sawModule) fail('repeated module directive');
      sawModule = true;
    }
    modDirective(mod, verb, args, comment, fail);
  });
  if (!sawModule) throw new Error(`${file}:1: missing module directive`);
  return mod;
}

/** The `go 1.23` directive of go.mod and go.work alike. */
export function goVersionArg(args: string[], fail: Fail): string {
  if (args.length !== 1 || !/^[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?$/.test(args[0])) fail('usage: go 1.23');
  return args[0];
}

function modDirective(mod: GoMod, verb: string, args: string[], comment: string, fail: Fail): void {
  switch (verb) {
    case 'module':
      if (args.length !== 1) fail('usage: module module/path');
      mod.modulePath = args[0];
      return;
    case 'go':
      mod.goVersion = goVersionArg(args, fail);
      return;
    case 'require':
      if (args.length !== 2) fail('usage: require module/path v1.2.3');
      mod.requires.push({ path: args[0], version: args[1], indirect: isIndirect(comment) });
      return;
    case 'replace':
      mod.replaces.push(parseReplace(args, fail));
      return;
    default:
      if (!IGNORED.has(verb)) fail(`unknown directive "${printable(verb)}"`);
  }
}

export function parseReplace(args: string[], fail: (m: string) => never): GoReplace {
  const arrow = args.indexOf('=>');
  if (arrow !== 1 && arrow !== 2) fail('usage: replace module/path [v1.2.3] => other/module v1.4 or ./local/dir');
  const rhs = args.slice(arrow + 1);
  if (rhs.length !== 1 && rhs.length !== 2) {
    fail('usage: replace module/path [v1.2.3] => other/module v1.4 or ./local/dir');
  }
  const r: GoReplace = { oldPath: args[0], newPath: rhs[0], local: isLocalPath(rhs[0]) };
  if (arrow === 2) r.oldVersion = args[1];
  if (rhs.length === 2) {
    if (r.local) fail(`replacement directory ${printable(rhs[0])} cannot have a version`);
    r.newVersion = rhs[1];
  } else if (!r.local) {
    fail(`replacement module ${printable(rhs[0])} without a version must be a directory path starting with ./ or ../ or /`);
  }
  return r;
}

/** Go's modfile.IsDirectoryPath: replacement targets that are directories, not modules. */
export function isLocalPath(p: string): boolean {
  return (
    p === '.' || p === '..' ||
    p.startsWith('./') || p.startsWith('../') || p.startsWith('/') ||
    p.startsWith('.\\') || p.startsWith('..\\') || p.startsWith('\\') ||
    /^[A-Za-z]:[\\/]/.test(p)
  );
}

function isIndirect(comment: string): boolean {
  const c = comment.trim();
  return c === 'indirect' || c.startsWith('indirect;');
}

/** Splits one go.mod line into tokens and the trailing `//` comment text. */
function lexModLine(line: string, fail: (m: string) => never): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && line[i + 1] === '/') {
      return { tokens, comment: line.slice(i + 2) };
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '"' || c === '`') {
      const j = quotedEnd(line, i);
      if (j < 0) fail('unterminated quoted string');
      tokens.push(c === '`' ? line.slice(i + 1, j) : unquote(line.slice(i, j + 1), fail));
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !' \t\r()"`'.includes(line[j]) && !(line[j] === '/' && line[j + 1] === '/')) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return { tokens, comment: '' };
}

function unquote(literal: string, fail: Fail): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return fail(`invalid quoted string ${printable(literal)}`);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
