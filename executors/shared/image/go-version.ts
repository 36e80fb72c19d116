/** Go toolchain versions compared as the go command compares them for the `go` directive. */

/** "go1.19.8" / "1.21" / "1.21rc2" → [1, 19, 8] (pre-releases compare as their release). */
export function goVersionParts(v: string): number[] {
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  if (!m) return [];
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** True when toolchain version `have` is at least `need`. */
export function goVersionAtLeast(have: string, need: string): boolean {
  const a = goVersionParts(have);
  const b = goVersionParts(need);
  if (a.length === 0 || b.length === 0) return true;
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}

/** The `go` and `toolchain` lines a context asks for, and the file they are in. */
export interface GoLines {
  file: string;
  goVersion?: string;
  toolchain?: string;
}

/** What to do about a Go the image lacks, named by version: the three ways to get it. */
function getGo(v: string, arch: string): string {
  return `install Go ${v} on the host and put it first on PATH (or point goroot at it), set image to a registry image such as golang:${v}, or set goTarball to go${v}.linux-${arch}.tar.gz`;
}

/**
 * The image's Go against the context's lines, as the go command with
 * GOTOOLCHAIN=local judges them: an older Go than the `go` line cannot build
 * (error); an older one than the `toolchain` line builds, but not with the
 * toolchain asked for (warning). Pure.
 */
export function toolchainVerdict(imageGo: string | undefined, lines: GoLines | undefined, arch = 'amd64'): { error?: string; warning?: string } {
  if (!imageGo || !lines) return {};
  const have = imageGo.replace(/^go/, '');
  const go = lines.goVersion;
  if (go && !goVersionAtLeast(imageGo, go)) {
    return {
      error: `The kube-build image has Go ${have} but ${lines.file} requires go ${go} (nothing is downloaded: GOTOOLCHAIN=local): ${getGo(go, arch)}.`,
    };
  }
  const tc = lines.toolchain?.replace(/^go/, '');
  if (tc && goVersionParts(tc).length > 0 && !goVersionAtLeast(imageGo, tc)) {
    return {
      warning: `${lines.file} asks for toolchain go${tc} but the kube-build image has Go ${have}, so the build uses Go ${have} (GOTOOLCHAIN=local: no toolchain is downloaded); to build with go${tc}, ${getGo(tc, arch)}.`,
    };
  }
  return {};
}
