import type { TargetConfiguration } from '@nx/devkit';

/** One entry of a target's inputs (Nx does not export the type by name). */
export type InputDefinition = Exclude<NonNullable<TargetConfiguration['inputs']>[number], string>;

/** Env the Kubernetes Makefile passes into builds; each changes the binary. */
export const GO_ENV_INPUTS = ['GOFLAGS', 'GOLDFLAGS', 'GOGCFLAGS', 'DBG'];

/** hack/lib/golang.sh's per-binary cgo choice: each turns CGO_ENABLED on or off. */
export const CGO_ENV_INPUTS = ['KUBE_CGO_OVERRIDES', 'KUBE_STATIC_OVERRIDES'];

/** hack/lib/version.sh overrides and the reproducible build date. */
export const VERSION_ENV_INPUTS = [
  'KUBE_GIT_VERSION',
  'KUBE_GIT_COMMIT',
  'KUBE_GIT_TREE_STATE',
  'KUBE_GIT_MAJOR',
  'KUBE_GIT_MINOR',
  'KUBE_GIT_VERSION_FILE',
  'SOURCE_DATE_EPOCH',
];

/** The facts version stamping reads: the cache key changes exactly when the stamped values do. */
export { VERSION_RUNTIME_INPUT } from '../vocabulary/version';

/** The host toolchain: what the offline build image is assembled from, and what host mode builds with. */
export const TOOLCHAIN_RUNTIME_INPUT = 'go env GOVERSION GOROOT 2>/dev/null || true';

const ws = (p: string): string => (p ? `{workspaceRoot}/${p}` : '{workspaceRoot}');

/** go.mod, go.sum and vendor/modules.txt of a module: a change affects every binary built in it. */
export function moduleFileInputs(moduleDir: string): string[] {
  const base = moduleDir ? `${moduleDir}/` : '';
  return [ws(`${base}go.mod`), ws(`${base}go.sum`), ws(`${base}vendor/modules.txt`)];
}

/**
 * Every file of the build image definition, and their checksums read from
 * disk: Nx hashes only files git does not ignore, and a repo may ignore the
 * definition's folder (podman ignores /build/).
 */
export function imageInputs(dockerfile: string): (string | InputDefinition)[] {
  const dir = dockerfile.includes('/') ? dockerfile.slice(0, dockerfile.lastIndexOf('/')) : '';
  const quoted = `'${(dir || dockerfile).replace(/'/g, `'\\''`)}'`;
  const runtime = dir
    ? `find ${quoted} -type f -exec cksum {} + 2>/dev/null | LC_ALL=C sort || true`
    : `cksum ${quoted} 2>/dev/null || true`;
  return [ws(dir ? `${dir}/**/*` : dockerfile), { runtime }];
}

export function envInputs(names: string[]): InputDefinition[] {
  return names.map((env) => ({ env }));
}

/**
 * Files besides .go that the go command compiles or links from a package dir
 * (go/build's Package: CFiles, CXXFiles, MFiles, HFiles, FFiles, SFiles,
 * SwigFiles, SwigCXXFiles, SysoFiles), on any platform.
 */
export const GO_OTHER_SOURCE_EXTENSIONS = ['c', 'cc', 'cpp', 'cxx', 'm', 'h', 'hh', 'hpp', 'hxx', 'f', 'F', 'for', 'f90', 's', 'S', 'sx', 'swig', 'swigcxx', 'syso'];

/**
 * Named inputs of a Go package project: its own Go, C, assembly and object
 * files only (sub-dirs are other packages), embedded files, and its module's go.mod.
 */
export function packageNamedInputs(embeds: string[], moduleDir: string): Record<string, (string | InputDefinition)[]> {
  const embedded = embeds.flatMap((e) => [`{projectRoot}/${e}`, `{projectRoot}/${e}/**/*`]);
  const goMod = moduleFileInputs(moduleDir)[0];
  // goTest repeats the files rather than naming goBuild: Nx applies a `!` pattern
  // to the whole expanded list, which would drop the test files again.
  const other = GO_OTHER_SOURCE_EXTENSIONS.map((ext) => `{projectRoot}/*.${ext}`);
  return {
    goBuild: ['{projectRoot}/*.go', '!{projectRoot}/*_test.go', ...other, ...embedded, goMod],
    goTest: ['{projectRoot}/*.go', ...other, ...embedded, goMod, '{projectRoot}/testdata/**/*'],
  };
}

/**
 * Named inputs of a test binary's project: a package's, plus `goTestBinary`,
 * what `go test -c` compiles from its dir: every .go file, _test.go
 * included, but not testdata/, which tests read when they run.
 */
export function testBinaryNamedInputs(embeds: string[], moduleDir: string): Record<string, (string | InputDefinition)[]> {
  const named = packageNamedInputs(embeds, moduleDir);
  return { ...named, goTestBinary: named.goTest.filter((i) => i !== '{projectRoot}/testdata/**/*') };
}

/** A vendored module is one project holding all its packages. */
export function vendorNamedInputs(): Record<string, string[]> {
  return {
    goBuild: ['{projectRoot}/**/*', '!{projectRoot}/**/*_test.go'],
    goTest: ['{projectRoot}/**/*'],
  };
}
