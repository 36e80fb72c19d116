/**
 * Whether a binary builds with cgo, as kube::golang::is_statically_linked
 * decides: KUBE_CGO_OVERRIDES wins, then the static default (every binary not
 * in the `cgo` option, Kubernetes' KUBE_STATIC_BINARIES), then
 * KUBE_STATIC_OVERRIDES. Both variables are space-separated binary names. Pure.
 */

const names = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);

export function cgoEnabled(binary: string, inCgoOption: boolean, env: NodeJS.ProcessEnv): boolean {
  if (names(env.KUBE_CGO_OVERRIDES).includes(binary)) return true;
  if (!inCgoOption) return false;
  return !names(env.KUBE_STATIC_OVERRIDES).includes(binary);
}
