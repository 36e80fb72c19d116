import type { VersionPackageSpec } from '../../plugin/vocabulary/version';
/** Options of the go-build executor (see schema.json). */
export interface GoBuildExecutorOptions {
  moduleRoot: string;
  main: string;
  binaryName?: string;
  /** `go test -c` of main instead of `go build` (testBinaries: e2e.test). */
  testBinary?: boolean;
  platform?: string;
  /** Binary path in docker mode, under <moduleRoot>/_output/. */
  outputPath?: string;
  /** Binary path in host mode, under <moduleRoot>/_output/. */
  localOutputPath?: string;
  cgo?: boolean;
  /** Debian packages of the C libraries cgo code links, installed in the cgo image for each architecture. */
  cgoPackages?: string[];
  /** Platforms the module's cgo image serves (the plugin: every platform of its cgo binaries). */
  cgoPlatforms?: string[];
  tags?: string[];
  goflags?: string;
  ldflags?: string;
  gcflags?: string;
  trimpath?: boolean;
  debug?: boolean;
  mode?: 'docker' | 'host';
  dockerfile?: string;
  image?: string;
  network?: string;
  /** Network of the go mod download that fills a non-vendored context's module cache (default bridge). */
  downloadNetwork?: string;
  versionPackages?: VersionPackageSpec[];
  cacheVolume?: string;
  /** How sources reach the engine: bind mount, copy through the Engine API, or auto (copy for a non-loopback tcp:// engine). */
  sync?: 'auto' | 'copy' | 'mount';
  /** Engine pool (DOCKER_HOST values, `tcp://host:port|certdir` for TLS); default NX_KUBE_BUILD_ENGINES, else DOCKER_HOST. */
  engines?: string[];
}
