import { Fail, goVersionArg, parseReplace, walkModFile } from './gomod';
import { GoReplace } from './types';
import { printable } from '../vocabulary/printable';

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
  walkModFile(text, file, BLOCK_VERBS, (verb, args, _comment, fail) => directive(work, verb, args, fail));
  return work;
}

function directive(work: GoWork, verb: string, args: string[], fail: Fail): void {
  switch (verb) {
    case 'go':
      work.goVersion = goVersionArg(args, fail);
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
      fail(`unknown directive "${printable(verb)}" (go.work takes go, toolchain, use, replace and godebug)`);
  }
}
