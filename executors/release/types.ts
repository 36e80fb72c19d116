/** Options of the `release` target (see schema.json). */
export interface ReleaseBinary {
  /** Nx project whose build target produces the binary. */
  project: string;
  /** Binary file name without `.exe`. */
  name: string;
  /** The binary's own platforms (os/arch) when it builds for fewer than its group lists. */
  platforms?: string[];
}

export interface ReleaseGroup {
  binaries: ReleaseBinary[];
  /** `os/arch` list, e.g. linux/amd64. */
  platforms: string[];
}

export interface ReleaseExecutorOptions {
  /** Module directory relative to the workspace root ('' for the root). */
  moduleRoot: string;
  /** Release name: tarball prefix and top directory inside tarballs. */
  name?: string;
  /** server, node, client, test, test-server; any other group gets a tarball of its own name. */
  groups?: Record<string, ReleaseGroup>;
  runTests?: boolean;
  testProjects?: string[];
  /** Package only the host platform (make quick-release). */
  hostOnly?: boolean;
  /** Workspace-relative README for the main tarball; default `<moduleRoot>/README.md`. */
  readme?: string;
  buildTarget?: string;
  testTarget?: string;
  /** Projects whose image (`<binary>.tar`, `<binary>.docker_tag`) goes into each linux server tarball. */
  images?: string[];
  /** Target that builds one image per platform configuration. */
  imageTarget?: string;
  /** Max parallel tasks of each nested nx run; Nx's own default when unset. */
  parallel?: number;
}
