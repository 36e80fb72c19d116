import { GroupConfig } from './groups';
import type { VersionPackageSpec } from './vocabulary/version';
import type { GenerateOption } from './vocabulary/generate';

/** Options of `{"plugin": "nx-kube-build", "options": {...}}` in nx.json. */
/** kube::build's place for the build image definition, module-relative. */
export const DEFAULT_DOCKERFILE = 'build/build-image/Dockerfile';

export interface KubeBuildPluginOptions {
  /** Globs (module-relative) of binary dirs. Default ["cmd/*", "**\/cmd/*"]. */
  binaries?: string[];
  /** Globs (workspace-relative) of dirs kept out of inference, as .nxignore lines are. */
  exclude?: string[];
  /** Further binary dirs, module-relative: staging/src/k8s.io/kube-aggregator or vendor/k8s.io/kube-aggregator. */
  extraBinaries?: string[];
  /** Test package dirs, module-relative, each built with `go test -c` as `<dir basename>.test` (test/e2e → e2e.test). */
  testBinaries?: string[];
  /** Renames: module-relative dir → project name, for two binaries with one basename. */
  names?: Record<string, string>;
  /** server, node, client, test, test-server: membership and platforms. */
  groups?: Record<string, GroupConfig>;
  /** Platforms (besides the host's) of binaries in no group. */
  defaultPlatforms?: string[];
  /** Packages whose version variables are stamped with -X (empty: no stamping). */
  versionPackages?: VersionPackageSpec[];
  /** Build image definition, module-relative. Default build/build-image/Dockerfile. */
  dockerfile?: string;
  /** A ready image to build in instead of the definition. */
  image?: string;
  /** Release name (tarball prefix). Default: last element of the module path. */
  releaseName?: string;
  /** Binaries (name or dir) built with CGO_ENABLED=1, like KUBE_CGO_OVERRIDES; the older name of cgoBinaries. */
  cgo?: string[];
  /** Binaries (name or dir) built with CGO_ENABLED=1: cgo under its golang.sh-style name. */
  cgoBinaries?: string[];
  /**
   * golang.sh's KUBE_STATIC_BINARIES: these build with CGO_ENABLED=0 and, once
   * set, every other binary with cgo where the cgo image has a C compiler.
   */
  staticBinaries?: string[];
  /** Debian packages of the C libraries cgo binaries link (libseccomp-dev), installed in the cgo image per architecture. */
  cgoPackages?: string[];
  /** Build tags per binary (name or dir). */
  tags?: Record<string, string[]>;
  /** Network of build containers. Default none. */
  network?: string;
  /** Network of the `go mod download` container of a non-vendored context. Default bridge. */
  downloadNetwork?: string;
  /**
   * Binaries (name or dir) that get an `image` target, as KUBE_SERVER_IMAGE_TARGETS.
   * Default: kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy and kubectl, where they exist.
   */
  images?: string[];
  /** Base of every image, module-relative: a docker-archive (`*.tar`) or an image name in the engine. Default: scratch. */
  baseImage?: string;
  /** Bases per binary (name or dir), as baseImage; "*" for the rest. baseImage is the "*" when that key is absent. */
  baseImages?: Record<string, string>;
  /** A generate target on each module project that builds binaries; its build targets depend on it. */
  generate?: GenerateOption;
  /** Target names. */
  buildTargetName?: string;
  testTargetName?: string;
  crossTargetName?: string;
  releaseTargetName?: string;
  buildImageTargetName?: string;
  imageTargetName?: string;
  modDownloadTargetName?: string;
  generateTargetName?: string;
}

export interface NormalizedOptions {
  binaries: string[];
  exclude: string[];
  extraBinaries: string[];
  testBinaries: string[];
  names: Record<string, string>;
  groups: Record<string, GroupConfig>;
  defaultPlatforms: string[];
  versionPackages: VersionPackageSpec[];
  dockerfile: string;
  image?: string;
  releaseName?: string;
  /** cgo and cgoBinaries together. */
  cgo: string[];
  /** Set only when the option is: then a binary in no list builds with cgo. */
  staticBinaries?: string[];
  cgoPackages: string[];
  tags: Record<string, string[]>;
  network: string;
  downloadNetwork: string;
  images: string[];
  /** True when `images` came from the options, so a name matching no binary is reported. */
  imagesExplicit: boolean;
  baseImage?: string;
  baseImages: Record<string, string>;
  generate?: GenerateOption;
  targetNames: { build: string; test: string; cross: string; release: string; buildImage: string; image: string; modDownload: string; generate: string };
}

export const DEFAULT_BINARY_GLOBS = ['cmd/*', '**/cmd/*'];

/** KUBE_SERVER_IMAGE_TARGETS of build/lib/release.sh, plus kubectl as Kubernetes ships it. */
export const DEFAULT_IMAGE_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kubectl'];

export function normalizeOptions(o: KubeBuildPluginOptions | undefined): NormalizedOptions {
  const opts = o ?? {};
  return {
    binaries: opts.binaries ?? DEFAULT_BINARY_GLOBS,
    exclude: (opts.exclude ?? []).map(cleanDir),
    extraBinaries: (opts.extraBinaries ?? []).map(cleanDir),
    testBinaries: (opts.testBinaries ?? []).map(cleanDir),
    names: Object.fromEntries(Object.entries(opts.names ?? {}).map(([k, v]) => [cleanDir(k), v])),
    groups: opts.groups ?? {},
    defaultPlatforms: opts.defaultPlatforms ?? [],
    versionPackages: opts.versionPackages ?? [],
    dockerfile: cleanDir(opts.dockerfile ?? DEFAULT_DOCKERFILE),
    image: opts.image,
    releaseName: opts.releaseName,
    cgo: [...(opts.cgo ?? []), ...(opts.cgoBinaries ?? [])],
    ...(opts.staticBinaries ? { staticBinaries: opts.staticBinaries } : {}),
    cgoPackages: opts.cgoPackages ?? [],
    tags: opts.tags ?? {},
    network: opts.network ?? 'none',
    downloadNetwork: opts.downloadNetwork ?? 'bridge',
    images: opts.images ?? DEFAULT_IMAGE_BINARIES,
    imagesExplicit: opts.images !== undefined,
    baseImage: opts.baseImage,
    baseImages: opts.baseImages ?? {},
    ...(opts.generate ? { generate: opts.generate } : {}),
    targetNames: {
      build: opts.buildTargetName ?? 'build',
      test: opts.testTargetName ?? 'test',
      cross: opts.crossTargetName ?? 'cross',
      release: opts.releaseTargetName ?? 'release',
      buildImage: opts.buildImageTargetName ?? 'build-image',
      image: opts.imageTargetName ?? 'image',
      modDownload: opts.modDownloadTargetName ?? 'mod-download',
      generate: opts.generateTargetName ?? 'generate',
    },
  };
}

/** `./cmd/kubelet/` → `cmd/kubelet`. */
export function cleanDir(p: string): string {
  const d = p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  // "." is the module root, as "./" is.
  return d === '.' ? '' : d;
}
