import { lexModLine, parseReplace, stripBom } from './gomod';
import { GoReplace } from './types';

/** A go.work file, as cmd/go/internal/modload reads it. */
export interface GoWork {
  goVersion?: string;
  toolchain?: string;
  /** `use` dirs as written (relative to the go.work dir, or absolute). */
  uses: string[];
  replaces: GoReplace[];
  godebug: string[];
}

const BLOCK_VERBS = new Set(['use', 'replace', 'godebug']);

/** Parses go.work; `file` only names it in error messages (`file:line: what`). */
export function parseGoWork(text: string, file: string): GoWork {
  const work: GoWork = { uses: [], replaces: [], godebug: [] };
  let block: { verb: string; line: number } | undefined;
  const lines = stripBom(text).split(/\r?\n/);
  for (let idx = 0; idx < lines.length; idx++) {
    const fail = (msg: string): never => {
      throw new Error(`${file}:${idx + 1}: ${msg}`);
    };
    const { tokens } = lexModLine(lines[idx], fail);
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0] === ')') {
        if (tokens.length > 1) fail('unexpected text after ")"');
        block = undefined;
      } else {
        directive(work, block.verb, tokens, fail);
      }
      continue;
    }
    if (tokens[1] === '(') {
      if (!BLOCK_VERBS.has(tokens[0])) fail(`${tokens[0]} does not take a block`);
      if (tokens.length !== 2) fail(`unexpected text after "${tokens[0]} ("`);
      block = { verb: tokens[0], line: idx + 1 };
      continue;
    }
    directive(work, tokens[0], tokens.slice(1), fail);
  }
  if (block) throw new Error(`${file}:${block.line}: unterminated ${block.verb} block`);
  return work;
}

function directive(work: GoWork, verb: string, args: string[], fail: (m: string) => never): void {
  switch (verb) {
    case 'go':
      if (args.length !== 1) fail('usage: go 1.23');
      work.goVersion = args[0];
      return;
    case 'toolchain':
      if (args.length !== 1) fail('usage: toolchain go1.23.4');
      work.toolchain = args[0];
      return;
    case 'use':
      if (args.length !== 1) fail('usage: use ./dir');
      work.uses.push(args[0]);
      return;
    case 'replace':
      work.replaces.push(parseReplace(args, fail));
      return;
    case 'godebug':
      work.godebug.push(args.join(' '));
      return;
    default:
      fail(`unknown directive "${verb}" (go.work takes go, toolchain, use, replace and godebug)`);
  }
}
