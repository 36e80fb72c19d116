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
