/**
 * Where things land under a module's `_output/`, as build/common.sh and
 * build/lib/release.sh lay it out. The one owner of these paths: inference,
 * executors and generators all ask here. Workspace-relative POSIX; '' is the
 * workspace root as module root.
 */
import { exeSuffix, Platform } from '../platforms';

/** `dockerized` for container builds, `local` for host-mode builds. */
export type OutputKind = 'dockerized' | 'local';

const under = (moduleRoot: string, ...rel: string[]): string => [moduleRoot, ...rel].filter(Boolean).join('/');

/** A binary's file name on a platform: `.exe` on windows. */
export function binaryFileName(name: string, p: Platform): string {
  return name + exeSuffix(p);
}

/** `<moduleRoot>/_output/<kind>/bin/<os>/<arch>/<name>[.exe]`, where a build writes its binary. */
export function binaryOutputPath(moduleRoot: string, kind: OutputKind, p: Platform, name: string): string {
  return under(moduleRoot, '_output', kind, 'bin', p.os, p.arch, binaryFileName(name, p));
}

/** The options of a go-build target that say where its binary lands, as Nx resolved them (the configuration's over the target's). */
export interface BuildOutputOptions {
  mode?: unknown;
  outputPath?: unknown;
  localOutputPath?: unknown;
}

/**
 * Where the build of `name` for `p` writes its binary: the build target's
 * `outputPath` (`localOutputPath` in host mode) when set, else the layout's.
 * The one answer go-build, the image and release executors and the build
 * target's outputs share, so a custom path moves all of them at once.
 */
export function builtBinaryPath(
  options: BuildOutputOptions,
  moduleRoot: string,
  p: Platform,
  name: string,
): { path: string; option: 'outputPath' | 'localOutputPath' } {
  const host = options.mode === 'host';
  const option = host ? 'localOutputPath' : 'outputPath';
  const set = options[option];
  return { option, path: typeof set === 'string' && set !== '' ? set : binaryOutputPath(moduleRoot, host ? 'local' : 'dockerized', p, name) };
}

/** `<moduleRoot>/_output/release-images/<arch>/<binary>.tar`. */
export function imageArchivePath(moduleRoot: string, arch: string, binary: string): string {
  return under(moduleRoot, '_output', 'release-images', arch, `${binary}.tar`);
}

/** `<moduleRoot>/_output/release-images/<arch>/<binary>.docker_tag`: the tag's version part and a newline. */
export function imageTagFilePath(moduleRoot: string, arch: string, binary: string): string {
  return under(moduleRoot, '_output', 'release-images', arch, `${binary}.docker_tag`);
}

/** `<moduleRoot>/_output/release-tars`, where a release publishes, and the stage it is assembled in first. */
export function releasePaths(moduleRoot: string): { stage: string; releaseTars: string } {
  return { stage: under(moduleRoot, '_output', 'release-stage'), releaseTars: under(moduleRoot, '_output', 'release-tars') };
}
