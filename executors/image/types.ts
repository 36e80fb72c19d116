import type { RegistryAuth } from '../shared/engine/docker';

/** Options of the `image` target (see schema.json). */
export interface ImageExecutorOptions {
  /** Module directory relative to the workspace root ('' for the root). */
  moduleRoot?: string;
  /** Binary file name; also the image name before `-<arch>`. */
  binaryName: string;
  /** `linux/<arch>`; each configuration sets one. */
  platform: string;
  /** Workspace-relative binary to put in the image. Default: where the build target writes it (its resolved outputPath, else `<moduleRoot>/_output/dockerized/bin/<os>/<arch>/<binary>`). */
  binaryPath?: string;
  /** Workspace-relative docker-archive to write. Default `<moduleRoot>/_output/release-images/<arch>/<binary>.tar`. */
  archivePath?: string;
  /** Workspace-relative file receiving the tag's version part. Default the archive path with `.docker_tag`. */
  tagFile?: string;
  /** Target that builds the binary, with one configuration per platform. */
  buildTarget?: string;
  /** A workspace-relative docker-archive (`*.tar`) or an image name in the engine; scratch when unset. */
  baseImage?: string;
  /** Registry part of the tag; KUBE_DOCKER_REGISTRY, else registry.k8s.io, when unset. */
  registry?: string;
  /** Push the tag after loading it. */
  push?: boolean;
  /** Credentials for the push; `~/.docker/config.json` when unset. */
  auth?: RegistryAuth;
}
