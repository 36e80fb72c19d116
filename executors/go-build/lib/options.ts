/** Validates go-build options once, into absolute paths and parsed values. */
import type { ExecutorContext } from '@nx/devkit';
import * as fs from 'fs';
import * as path from 'path';
import { Platform, exeSuffix, parsePlatform } from '../../../plugin/platforms';
import { binaryOutputPath, builtBinaryPath } from '../../../plugin/vocabulary/layout';
import { checkVersionPackages, VersionPackageSpec } from '../../../plugin/vocabulary/version';
import { DEFAULT_DOCKERFILE } from '../../shared/image/build-image';
import { SyncMode, parseSyncMode } from '../../shared/engine/engines';
import { defaultCacheVolume } from '../../shared/container/go-container';
import { readGoModFacts } from '../../shared/module/go-mod';
import { isWithin, moduleDirOf, parseRunMode, RunMode, toPosixRel, workspacePath } from '../../shared/module/paths';
import { checkCgoPlatform, checkDebianPackageNames } from '../../shared/image/cross-compilers';
import { cgoEnabled } from './cgo';
import { checkPlatformChoice } from './platform-check';
import type { GoBuildExecutorOptions } from '../types';

export interface NormalizedBuildOptions {
  workspaceRoot: string;
  /** Workspace-relative POSIX module dir ('' for the root). */
  moduleRoot: string;
  moduleDir: string;
  modulePath: string;
  main: string;
  platform: Platform;
  binaryName: string;
  /** `go test -c` of main (a package with _test.go files) instead of `go build`. */
  testBinary: boolean;
  /** binaryName plus .exe on windows. */
  fileName: string;
  /** Absolute binary path of this run's mode. */
  outputPath: string;
  /** CGO_ENABLED=1: the cgo option, then KUBE_CGO_OVERRIDES / KUBE_STATIC_OVERRIDES. */
  cgo: boolean;
  /** Debian packages of the C libraries cgo code links (the cgo image installs them). */
  cgoPackages: string[];
  /** Every platform of the module's cgo binaries: the cgo image holds a C compiler for each. */
  cgoPlatforms: Platform[];
  tags: string[];
  goflags: string;
  ldflags: string;
  gcflags: string;
  trimpath: boolean;
  debug: boolean;
  mode: 'docker' | 'host';
  dockerfile: string;
  image?: string;
  network: string;
  /** Network of the go mod download that fills a non-vendored context's module cache. */
  downloadNetwork: string;
  versionPackages: VersionPackageSpec[];
  cacheVolume: string;
  vendored: boolean;
  sync: SyncMode;
  /** The engines option as given; NX_KUBE_BUILD_ENGINES is read where the engine is chosen. */
  engines?: string[];
}

/** A dir with the files a build compiles: non-test .go files, or for a test binary _test.go files. */
const hasGoFiles = (dir: string, testBinary: boolean): boolean =>
  fs.existsSync(dir) &&
  fs.statSync(dir).isDirectory() &&
  fs.readdirSync(dir).some((f) => (testBinary ? f.endsWith('_test.go') : f.endsWith('.go') && !f.endsWith('_test.go')));

/**
 * Host dir of a `go build` package argument, or undefined when it cannot be
 * placed without Go (a dependency outside the module and its vendor/).
 */
export function mainPackageDir(moduleDir: string, modulePath: string, main: string): string | undefined {
  if (main === '.' || main.startsWith('./') || main.startsWith('../')) return path.join(moduleDir, main);
  if (main === modulePath) return moduleDir;
  if (modulePath && main.startsWith(`${modulePath}/`)) return path.join(moduleDir, main.slice(modulePath.length + 1));
  const vendored = path.join(moduleDir, 'vendor', main);
  return fs.existsSync(vendored) ? vendored : undefined;
}

export function normalizeBuildOptions(
  options: GoBuildExecutorOptions,
  workspaceRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): NormalizedBuildOptions {
  const mode = parseRunMode(options.mode);
  const moduleDir = moduleDirOf(workspaceRoot, options.moduleRoot);
  const moduleRoot = toPosixRel(workspaceRoot, moduleDir).replace(/^\.$/, '');
  const platform = parsePlatform(options.platform ?? 'linux/amd64');
  const { modulePath } = readGoModFacts(workspaceRoot, moduleDir);
  const testBinary = options.testBinary === true;
  const main = checkMain(options.main, workspaceRoot, moduleDir, modulePath, testBinary);
  const binaryName = options.binaryName || path.posix.basename(main.replace(/\/+$/, '')) || 'main';
  const fileName = binaryName + exeSuffix(platform);
  const outputPath = resolveOutputPath(options, { workspaceRoot, moduleDir, moduleRoot, mode, platform, binaryName });
  const dockerfile = options.dockerfile || DEFAULT_DOCKERFILE;
  const cgo = cgoEnabled(binaryName, options.cgo ?? false, env);
  if (cgo && !options.image) checkCgoPlatform(platform, binaryName);
  const cgoPackages = options.cgoPackages ?? [];
  checkDebianPackageNames(cgoPackages);
  return {
    workspaceRoot,
    moduleRoot,
    moduleDir,
    modulePath,
    main,
    platform,
    binaryName,
    testBinary,
    fileName,
    outputPath,
    cgo,
    cgoPackages,
    cgoPlatforms: (options.cgoPlatforms ?? []).map(parsePlatform),
    tags: options.tags ?? [],
    goflags: options.goflags ?? '',
    ldflags: options.ldflags ?? '',
    gcflags: options.gcflags ?? '',
    // golang.sh's DBG=1: optimisations and inlining off, symbols and DWARF kept, paths not trimmed.
    trimpath: !debugBuild(options, process.env) && (options.trimpath ?? true),
    debug: debugBuild(options, process.env),
    mode,
    dockerfile,
    image: options.image || undefined,
    network: options.network || 'none',
    downloadNetwork: options.downloadNetwork || 'bridge',
    versionPackages: checkVersionPackages(options.versionPackages),
    cacheVolume: options.cacheVolume || defaultCacheVolume(),
    vendored: fs.existsSync(path.join(moduleDir, 'vendor', 'modules.txt')),
    sync: parseSyncMode(options.sync),
    engines: options.engines,
  };
}

/** `--debug`, or DBG=1 in the environment as make takes it. */
export function debugBuild(options: Pick<GoBuildExecutorOptions, 'debug'>, env: NodeJS.ProcessEnv): boolean {
  return options.debug === true || env.DBG === '1';
}

/** The package to build, checked to lie in the workspace and hold Go files where it can be placed. */
function checkMain(raw: string | undefined, workspaceRoot: string, moduleDir: string, modulePath: string, testBinary: boolean): string {
  const main = (raw ?? '').trim();
  if (!main) throw new Error('main is required: set it to the package to build, e.g. "./cmd/kubelet".');
  const mainDir = mainPackageDir(moduleDir, modulePath, main);
  if (mainDir === undefined) return main;
  if (!isWithin(workspaceRoot, mainDir)) {
    throw new Error(`main "${main}" points outside the workspace: use a package of the module, e.g. "./cmd/kubelet".`);
  }
  if (testBinary && !hasGoFiles(mainDir, true)) {
    throw new Error(
      `main "${main}" has no _test.go files in ${toPosixRel(workspaceRoot, mainDir)}, so go test -c would build nothing: point main at a test package, e.g. "./test/e2e", or drop testBinary.`,
    );
  }
  if (!testBinary && !hasGoFiles(mainDir, false)) {
    throw new Error(
      `main "${main}" has no .go files in ${toPosixRel(workspaceRoot, mainDir)}: point main at a package directory, e.g. "./cmd/kubelet".`,
    );
  }
  return main;
}

interface OutputContext {
  workspaceRoot: string;
  moduleDir: string;
  moduleRoot: string;
  mode: RunMode;
  platform: Platform;
  binaryName: string;
}

/** Absolute binary path of this run's mode: the option, else the layout's; always under `<module>/_output/`. */
function resolveOutputPath(options: GoBuildExecutorOptions, c: OutputContext): string {
  const outputRoot = path.join(c.moduleDir, '_output');
  const { path: outputRel, option: outputOption } = builtBinaryPath({ ...options, mode: c.mode }, c.moduleRoot, c.platform, c.binaryName);
  const outputPath = workspacePath(c.workspaceRoot, outputRel, outputOption);
  if (!isWithin(outputRoot, outputPath) || outputPath === outputRoot) {
    throw new Error(
      `${outputOption} "${outputRel}" is outside ${toPosixRel(c.workspaceRoot, outputRoot)}/: build outputs go under it, e.g. ${binaryOutputPath(c.moduleRoot, 'dockerized', c.platform, c.binaryName)}.`,
    );
  }
  return outputPath;
}

/** The target Nx is running, as the project graph has it. */
export function targetOf(context: ExecutorContext) {
  return context.projectName && context.targetName
    ? context.projectsConfigurations?.projects[context.projectName]?.targets?.[context.targetName]
    : undefined;
}

/**
 * The options of this run, normalized, and checked against the configuration
 * Nx ran: a platform is only ever built into its own path.
 */
export function buildOptionsOf(options: GoBuildExecutorOptions, context: ExecutorContext): NormalizedBuildOptions {
  const o = normalizeBuildOptions(options, context.root);
  const target = targetOf(context);
  checkPlatformChoice({
    platform: o.platform,
    configurations: target?.configurations,
    configurationName: context.configurationName,
    dropped: (target?.metadata as { platforms?: { dropped?: Record<string, string> } } | undefined)?.platforms?.dropped,
    what: `${context.projectName ?? o.binaryName}:${context.targetName ?? 'build'}`,
  });
  return o;
}
