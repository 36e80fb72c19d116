/** Where an image target writes, as build/lib/release.sh lays out `_output/release-images/<arch>/`. */
import * as path from 'path';

/** `<moduleRoot>/_output/release-images/<arch>/<binary>.tar`, workspace-relative POSIX. */
export function imageArchivePath(moduleRoot: string, arch: string, binary: string): string {
  return path.posix.join(moduleRoot || '.', '_output', 'release-images', arch, `${binary}.tar`);
}

/** `<moduleRoot>/_output/release-images/<arch>/<binary>.docker_tag`: the tag's version part and a newline. */
export function imageTagFilePath(moduleRoot: string, arch: string, binary: string): string {
  return path.posix.join(moduleRoot || '.', '_output', 'release-images', arch, `${binary}.docker_tag`);
}
