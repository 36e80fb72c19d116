/** The `go build` command line, as hack/lib/golang.sh assembles it. Pure. */

export interface GoBuildFlagsInput {
  /** `go test -c` of the package instead of `go build`, as golang.sh builds its `.test` targets, with the same flags. */
  testBinary?: boolean;
  debug: boolean;
  trimpath: boolean;
  tags: string[];
  goflags: string;
  ldflags: string;
  gcflags: string;
  /** `-X 'pkg.name=value'` stamps. */
  stamps: string[];
  /** The caller's env: GOLDFLAGS and GOGCFLAGS are appended as the Makefile does. */
  hostEnv: NodeJS.ProcessEnv;
}

const words = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);
const join = (parts: (string | undefined)[]): string =>
  parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ');

/** Symbols stripped unless debugging; empty build id so identical inputs give identical bytes. */
export function goLdflags(i: GoBuildFlagsInput): string {
  return join([i.debug ? '' : '-s -w', '-buildid=', ...i.stamps, i.ldflags, i.hostEnv.GOLDFLAGS]);
}

/** DBG=1 adds `all=-N -l` after the caller's flags. */
export function goGcflags(i: GoBuildFlagsInput): string {
  return join([i.gcflags, i.hostEnv.GOGCFLAGS, i.debug ? 'all=-N -l' : '']);
}

/** argv after `go`. */
export function goBuildArgs(i: GoBuildFlagsInput & { output: string; main: string }): string[] {
  const gcflags = goGcflags(i);
  return [
    ...(i.testBinary ? ['test', '-c'] : ['build']),
    '-o',
    i.output,
    ...(i.trimpath ? ['-trimpath'] : []),
    ...words(i.goflags),
    ...(i.tags.length > 0 ? ['-tags', i.tags.join(',')] : []),
    ...(gcflags ? ['-gcflags', gcflags] : []),
    '-ldflags',
    goLdflags(i),
    i.main,
  ];
}
