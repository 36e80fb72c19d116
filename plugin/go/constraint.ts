/**
 * Build constraints as go/build/constraint reads them: `//go:build`
 * expressions (`&&`, `||`, `!`, parentheses) and the GOOS/GOARCH file-name
 * suffixes. Used to leave out imports of files no configured build compiles.
 */
import { printable } from '../vocabulary/printable';

/** cmd/dist's known operating systems and architectures (go/build/syslist.go). */
export const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);
export const UNIX_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris',
]);
export const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

export type Expr =
  | { op: 'tag'; tag: string }
  | { op: 'not'; x: Expr }
  | { op: 'and' | 'or'; x: Expr; y: Expr };

/** Parses a `//go:build` expression; throws on a syntax error. */
export function parseConstraint(text: string): Expr {
  const tokens = text.match(/\(|\)|!|&&|\|\||[^\s()!&|]+/g) ?? [];
  let k = 0;
  const peek = (): string | undefined => tokens[k];
  // `a && b && c` and `a || b || c`: left-associative, && binding tighter.
  const binary = (token: string, op: 'and' | 'or', next: () => Expr) => (): Expr => {
    let x = next();
    while (peek() === token) {
      k++;
      x = { op, x, y: next() };
    }
    return x;
  };
  const and = binary('&&', 'and', () => not());
  const or = binary('||', 'or', and);
  const not = (): Expr => {
    const t = tokens[k++];
    if (t === '!') return { op: 'not', x: not() };
    if (t === '(') {
      const x = or();
      if (tokens[k++] !== ')') throw new Error(`missing ) in "${printable(text)}"`);
      return x;
    }
    if (t === undefined || t === ')' || t === '&&' || t === '||') throw new Error(`unexpected ${printable(t ?? 'end')} in "${printable(text)}"`);
    return { op: 'tag', tag: t };
  };
  const e = or();
  if (k !== tokens.length) throw new Error(`unexpected ${printable(tokens[k])} in "${printable(text)}"`);
  return e;
}

export function evalConstraint(e: Expr, has: (tag: string) => boolean): boolean {
  switch (e.op) {
    case 'tag':
      return has(e.tag);
    case 'not':
      return !evalConstraint(e.x, has);
    case 'and':
      return evalConstraint(e.x, has) && evalConstraint(e.y, has);
    case 'or':
      return evalConstraint(e.x, has) || evalConstraint(e.y, has);
  }
}

function tagsOf(e: Expr, out: Set<string>): Set<string> {
  if (e.op === 'tag') out.add(e.tag);
  else if (e.op === 'not') tagsOf(e.x, out);
  else {
    tagsOf(e.x, out);
    tagsOf(e.y, out);
  }
  return out;
}

/** GOOS and GOARCH a file name pins (`x_linux.go`, `x_arm64.go`, `x_windows_amd64_test.go`), as go/build's goodOSArchFile. */
export function fileNamePlatform(fileName: string): { os?: string; arch?: string } {
  let name = fileName.replace(/\.go$/, '');
  name = name.replace(/_test$/, '');
  const i = name.indexOf('_');
  if (i < 0) return {};
  const parts = name.slice(i).split('_');
  const n = parts.length;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]) && KNOWN_ARCH.has(parts[n - 1])) return { os: parts[n - 2], arch: parts[n - 1] };
  if (n >= 1 && KNOWN_OS.has(parts[n - 1])) return { os: parts[n - 1] };
  if (n >= 1 && KNOWN_ARCH.has(parts[n - 1])) return { arch: parts[n - 1] };
  return {};
}

const matchesOS = (want: string, os: string): boolean =>
  want === os || (want === 'linux' && os === 'android') || (want === 'solaris' && os === 'illumos') || (want === 'darwin' && os === 'ios');

/** The builds a workspace configures: its platforms, the build tags some binary sets, whether any builds with cgo. */
export interface BuildConfigs {
  platforms: { os: string; arch: string }[];
  tags: ReadonlySet<string>;
  cgo: boolean;
}

const MAX_FREE = 8;

/**
 * True when some configured build compiles the file: a platform the name and
 * the expression allow, with any of the configured tags (and cgo) on or off.
 * A release tag go1.N is always set; other tags are off.
 */
export function buildableFile(file: string, constraint: string | undefined, cfg: BuildConfigs): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  // Most files pin nothing: no constraint line and no _GOOS/_GOARCH in the name.
  if ((constraint === undefined || constraint.trim() === '') && !base.includes('_')) return cfg.platforms.length > 0;
  const pinned = fileNamePlatform(base);
  const platforms = cfg.platforms.filter(
    (p) => (pinned.os === undefined || matchesOS(pinned.os, p.os)) && (pinned.arch === undefined || pinned.arch === p.arch),
  );
  if (platforms.length === 0) return false;
  if (constraint === undefined || constraint.trim() === '') return true;
  let expr: Expr;
  try {
    expr = parseConstraint(constraint);
  } catch {
    // Go rejects the file; keep its imports rather than guess.
    return true;
  }
  const free = [...tagsOf(expr, new Set())].filter((t) => cfg.tags.has(t) || (t === 'cgo' && cfg.cgo));
  if (free.length > MAX_FREE) return true;
  for (const p of platforms) {
    for (let mask = 0; mask < 1 << free.length; mask++) {
      const on = new Set(free.filter((_, i) => mask & (1 << i)));
      const build: BuildConfig = { os: p.os, arch: p.arch, tags: on, cgo: on.has('cgo') };
      if (evalConstraint(expr, (t) => hasTag(t, build))) return true;
    }
  }
  return false;
}

/** One build as `go build` runs it: GOOS, GOARCH, the tags it sets, CGO_ENABLED. */
export interface BuildConfig {
  os: string;
  arch: string;
  tags: ReadonlySet<string>;
  cgo: boolean;
}

/**
 * True when that build compiles the file, as go/build's matchFile: the name's
 * GOOS/GOARCH, then the expression with the platform's tags, `unix`, `gc`, the
 * release tags go1.N (the toolchain is taken to be new enough), cgo as set and
 * the build's own tags; goexperiment.* and every other tag are off.
 */
export function fileMatches(fileName: string, constraint: string | undefined, cfg: BuildConfig): boolean {
  const pinned = fileNamePlatform(fileName.slice(fileName.lastIndexOf('/') + 1));
  if (pinned.os !== undefined && !matchesOS(pinned.os, cfg.os)) return false;
  if (pinned.arch !== undefined && pinned.arch !== cfg.arch) return false;
  if (constraint === undefined || constraint.trim() === '') return true;
  let expr: Expr;
  try {
    expr = parseConstraint(constraint);
  } catch {
    // Go rejects the file with its own message; do not hide the platform for it.
    return true;
  }
  return evalConstraint(expr, (t) => hasTag(t, cfg));
}

function hasTag(t: string, cfg: BuildConfig): boolean {
  if (t === 'cgo') return cfg.cgo;
  return (
    cfg.tags.has(t) ||
    matchesOS(t, cfg.os) ||
    t === cfg.arch ||
    (t === 'unix' && UNIX_OS.has(cfg.os)) ||
    t === 'gc' ||
    /^go1\.\d+$/.test(t)
  );
}
