/**
 * The `-X <package>.<var>=<value>` flags of a repo's own Makefiles and shell
 * scripts, with their simple variables expanded (`X := v`, `X = v`, `X ?= v`,
 * `X=v`, `${X}`, `$(X)`, nested), so init stamps what the repo stamps:
 * podman's `-X $(LIBPOD)/define.gitCommit=$(GIT_COMMIT)` is
 * `github.com/containers/podman/v5/libpod/define.gitCommit`. Pure over texts.
 */

export interface ScriptStamp {
  /** Import path, or `main`. */
  pkg: string;
  name: string;
  /** The script variable the value expands (`GIT_COMMIT`), if it is one. */
  valueVar?: string;
  /** That variable's definition with its own variables expanded. */
  valueDefinition?: string;
  file: string;
}

const ASSIGN_MAKE = /^[ \t]*(?:export[ \t]+|override[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::{1,3}=|\?=|=)[ \t]*(.*?)[ \t]*$/;
const ASSIGN_SHELL = /^[ \t]*(?:export[ \t]+|readonly[ \t]+|local[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|(\$\([^)]*\)\S*|\S*))/;

/** Each variable's first definition in the scripts, continuation lines joined. */
export function scriptVariables(scripts: { file: string; text: string }[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const s of scripts) {
    const make = !/\.(sh|bash)$/.test(s.file);
    for (const line of s.text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
      const m = make ? ASSIGN_MAKE.exec(line) : ASSIGN_SHELL.exec(line);
      if (!m || vars.has(m[1])) continue;
      vars.set(m[1], make ? m[2] : (m[3] ?? m[4] ?? m[5] ?? ''));
    }
  }
  return vars;
}

const REF = /\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** `text` with every known variable expanded, nested ones too; unknown ones are left as written. */
export function expand(text: string, vars: Map<string, string>, depth = 0): string {
  if (depth > 8) return text;
  return text.replace(REF, (whole, paren, brace, fallback, bare) => {
    const name = paren ?? brace ?? bare;
    const value = vars.get(name) ?? (fallback !== undefined ? fallback : undefined);
    return value === undefined ? whole : expand(value, vars, depth + 1);
  });
}

/** `-X sym=value`, `-X=sym=value`, `-X 'sym=value'`, `-X "sym=value"`. */
const FLAG = /(?:^|[\s"'(,])-X(?:=|[ \t]+)["']?([^\s"'=,]+)=([^\s"',]*)/g;
const VALUE_VAR = /^\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/;
const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** The stamp flags of the scripts whose symbol resolves to `<import path or main>.<identifier>`. */
export function scriptStamps(scripts: { file: string; text: string }[]): ScriptStamp[] {
  const everywhere = scriptVariables(scripts);
  const out: ScriptStamp[] = [];
  for (const s of scripts) {
    // A script's own definitions win; the others stand in for what it sources or includes.
    const vars = new Map([...everywhere, ...scriptVariables([s])]);
    for (const m of s.text.replace(/\\\r?\n/g, ' ').matchAll(FLAG)) {
      const symbol = expand(m[1], vars);
      const slash = symbol.lastIndexOf('/');
      const dot = symbol.indexOf('.', slash + 1);
      if (symbol.includes('$') || dot < 0) continue;
      const pkg = symbol.slice(0, dot);
      const name = symbol.slice(dot + 1);
      if (!IDENT.test(name)) continue;
      const v = VALUE_VAR.exec(m[2]);
      const valueVar = v ? (v[1] ?? v[2] ?? v[3]) : undefined;
      const stamp: ScriptStamp = { pkg, name, file: s.file };
      if (valueVar) {
        stamp.valueVar = valueVar;
        stamp.valueDefinition = expand(vars.get(valueVar) ?? '', vars);
      }
      out.push(stamp);
    }
  }
  return out;
}
