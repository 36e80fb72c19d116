/** Options and environment folded into what one release run does. Pure. */
import * as path from 'path';
import type { ReleaseExecutorOptions, ReleaseGroup } from '../types';

export interface ReleaseSettings {
  name: string;
  /** Workspace-relative, POSIX, '' for the workspace root. */
  moduleRoot: string;
  groups: Record<string, ReleaseGroup>;
  runTests: boolean;
  testProjects: string[];
  hostOnly: boolean;
  /** Workspace-relative README path. */
  readme: string;
  /** True when readme came from the options, so a missing file is an error rather than a skip. */
  readmeExplicit: boolean;
  buildTarget: string;
  testTarget: string;
  images: string[];
  imageTarget: string;
  parallel?: number;
}

export const DEFAULT_RELEASE_NAME = 'kubernetes';

/** `<moduleRoot>/<rel>` in POSIX form, without a leading slash when moduleRoot is ''. */
export function modulePath(moduleRoot: string, ...rel: string[]): string {
  return path.posix.join(moduleRoot || '.', ...rel);
}

/** KUBE_RELEASE_RUN_TESTS as release.sh reads it: y or n; unset leaves the option's choice. */
export function runTestsFromEnv(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(y|yes|true|1)$/i.test(value)) return true;
  if (/^(n|no|false|0)$/i.test(value)) return false;
  throw new Error(`KUBE_RELEASE_RUN_TESTS must be y or n, got "${value}"; set it to y to run tests or n to skip them.`);
}

export function resolveSettings(options: ReleaseExecutorOptions, env: NodeJS.ProcessEnv): ReleaseSettings {
  const moduleRoot = (options.moduleRoot ?? '').replace(/\\/g, '/').replace(/^\.(\/|$)/, '').replace(/\/+$/, '');
  if (moduleRoot.startsWith('/') || moduleRoot.split('/').includes('..')) {
    throw new Error(`moduleRoot "${options.moduleRoot}" must be relative to the workspace root and inside it.`);
  }
  const name = options.name || DEFAULT_RELEASE_NAME;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`Release name "${name}" cannot prefix a tarball; use letters, digits, ".", "_" and "-" only.`);
  }
  return {
    name,
    moduleRoot,
    groups: options.groups ?? {},
    runTests: runTestsFromEnv(env.KUBE_RELEASE_RUN_TESTS, options.runTests ?? true),
    testProjects: options.testProjects ?? [],
    hostOnly: options.hostOnly ?? false,
    readme: options.readme ?? modulePath(moduleRoot, 'README.md'),
    readmeExplicit: options.readme !== undefined,
    buildTarget: options.buildTarget || 'build',
    testTarget: options.testTarget || 'test',
    images: options.images ?? [],
    imageTarget: options.imageTarget || 'image',
    parallel: options.parallel,
  };
}
