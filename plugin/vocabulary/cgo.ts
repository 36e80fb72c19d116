/**
 * The platforms the cgo image has a C compiler for (kube-cross's
 * crossbuild-essential set, and mingw-w64): a cgo binary builds for no other.
 * The executors' cross-compiler table (executors/shared/image/cross-compilers.ts)
 * gives each its packages and CC.
 */
export const CGO_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64', 'linux/arm', 'linux/ppc64le', 'linux/s390x', 'windows/amd64'];
