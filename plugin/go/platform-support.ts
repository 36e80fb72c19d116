/**
 * The platforms a binary can build for: those on which its main package and
 * every package it compiles keep at least one Go file once build constraints
 * are applied. Elsewhere `go build` stops with "build constraints exclude all
 * Go files", so such a platform is no configuration. Pure over the scanned
 * tree and the resolver of the package graph.
 */
import { BuildContext } from './contexts';
import { BuildConfig, fileMatches } from './constraint';
import { PackageGraph } from './graph';
import { GoPackage, GoTree } from './types';
import { printable } from '../vocabulary/printable';

export interface BuildTarget {
  os: string;
  arch: string;
}

/** Why a platform is left out: the first package (breadth-first from the main) with no file for it. */
export interface DroppedPlatform {
  /** os/arch */
  platform: string;
  importPath: string;
  dir: string;
  /** The package that imports it; absent when it is the main package itself. */
  importedBy?: string;
  /** Up to three of its files with the constraint that excludes each. */
  files: string[];
  /** With cgo on, some file of it would build: the fix is cgo (or tags that leave it out). */
  needsCgo: boolean;
  /** A reason other than build constraints, said instead of them. */
  reason?: string;
}

export interface PlatformSupportResult {
  buildable: BuildTarget[];
  dropped: DroppedPlatform[];
  /**
   * Buildable platforms that build only with cgo on, each with the package
   * that needs it: they stay configurations, since KUBE_CGO_OVERRIDES can turn
   * cgo on for one run, and the build says what to set when it is off.
   */
  needsCgo: DroppedPlatform[];
}

interface Step {
  dir: string;
  file: string;
}

export class PlatformSupport {
  /** ctx dir + package dir → its non-test imports that land on tree packages, resolved in that context. */
  private readonly stepsOf = new Map<string, Step[]>();
  /** config key + package dir → the files that build, or null when none does. */
  private readonly filesOf = new Map<string, Set<string> | null>();

  constructor(
    private readonly tree: GoTree,
    private readonly graph: PackageGraph,
  ) {}

  /** Splits candidates into the platforms the binary builds for and those it cannot, each with its reason. */
  /** With `tests`, the binary is `go test -c` of `main`: its _test.go files and their imports count too. */
  of(main: GoPackage, ctx: BuildContext, candidates: BuildTarget[], opts: { tags: string[]; cgo: boolean; tests?: boolean }): PlatformSupportResult {
    const buildable: BuildTarget[] = [];
    const dropped: DroppedPlatform[] = [];
    const needsCgo: DroppedPlatform[] = [];
    for (const p of candidates) {
      const cfg: BuildConfig = { os: p.os, arch: p.arch, tags: new Set(opts.tags), cgo: opts.cgo };
      const tests = opts.tests === true;
      const miss = this.firstExcluded(main, ctx, cfg, tests);
      if (!miss) {
        buildable.push(p);
      } else if (miss.needsCgo && !this.firstExcluded(main, ctx, { ...cfg, cgo: true }, tests)) {
        buildable.push(p);
        needsCgo.push(miss);
      } else {
        dropped.push(miss);
      }
    }
    return { buildable, dropped, needsCgo };
  }

  private firstExcluded(main: GoPackage, ctx: BuildContext, cfg: BuildConfig, tests: boolean): DroppedPlatform | undefined {
    const key = `${cfg.os}/${cfg.arch}|${cfg.cgo}|${[...cfg.tags].sort().join(',')}`;
    const importer = new Map<string, string | undefined>([[main.dir, undefined]]);
    const queue = [main];
    for (let k = 0; k < queue.length; k++) {
      const p = queue[k];
      // Only the tests of the package go test -c builds are compiled, never those of its imports.
      const withTests = tests && k === 0;
      const files = withTests ? this.testBuildingFiles(p, cfg) : this.buildingFiles(p, cfg, key);
      if (!files) return this.drop(p, cfg, importer.get(p.dir), withTests);
      for (const s of this.steps(p, ctx, withTests)) {
        if (!files.has(s.file) || importer.has(s.dir)) continue;
        importer.set(s.dir, p.importPath);
        queue.push(this.tree.packages.get(s.dir) as GoPackage);
      }
    }
    return undefined;
  }

  private buildingFiles(p: GoPackage, cfg: BuildConfig, key: string): Set<string> | null {
    const memoKey = `${key}\0${p.dir}`;
    let files = this.filesOf.get(memoKey);
    if (files === undefined) {
      const kept = p.goFiles.filter((f) => fileMatches(f, p.fileConstraints?.[baseName(f)], cfg));
      files = kept.length > 0 ? new Set(kept) : null;
      this.filesOf.set(memoKey, files);
    }
    return files;
  }

  /** The package's files go test -c compiles: its Go files and its _test.go files that build; null when none does. */
  private testBuildingFiles(p: GoPackage, cfg: BuildConfig): Set<string> | null {
    const kept = [
      ...p.goFiles.filter((f) => fileMatches(f, p.fileConstraints?.[baseName(f)], cfg)),
      ...p.testFiles.filter((f) => fileMatches(f, p.testFileConstraints?.[baseName(f)], cfg)),
    ];
    return kept.length > 0 ? new Set(kept) : null;
  }

  private steps(p: GoPackage, ctx: BuildContext, withTests = false): Step[] {
    const memoKey = `${ctx.dir}\0${p.dir}\0${withTests}`;
    let steps = this.stepsOf.get(memoKey);
    if (!steps) {
      steps = [];
      for (const imp of p.imports) {
        if (imp.test && !withTests) continue;
        const r = this.graph.resolve(imp.path, ctx);
        if ((r.kind === 'package' || r.kind === 'vendor') && r.dir !== p.dir && this.tree.packages.has(r.dir)) {
          steps.push({ dir: r.dir, file: imp.file });
        }
      }
      this.stepsOf.set(memoKey, steps);
    }
    return steps;
  }

  private drop(p: GoPackage, cfg: BuildConfig, importedBy: string | undefined, withTests = false): DroppedPlatform {
    const all = withTests ? [...p.goFiles, ...p.testFiles] : p.goFiles;
    const files = all.slice(0, 3).map((f) => {
      const base = baseName(f);
      const c = p.fileConstraints?.[base] ?? p.testFileConstraints?.[base];
      return c ? `${base} (//go:build ${c})` : `${base} (file name)`;
    });
    if (all.length > 3) files.push(`… ${all.length - 3} more`);
    const withCgo = { ...cfg, cgo: true };
    const needsCgo = !cfg.cgo && p.goFiles.some((f) => fileMatches(f, p.fileConstraints?.[baseName(f)], withCgo));
    return {
      platform: `${cfg.os}/${cfg.arch}`,
      importPath: p.importPath,
      dir: p.dir,
      ...(importedBy !== undefined ? { importedBy } : {}),
      files,
      needsCgo,
    };
  }
}

const baseName = (f: string): string => f.slice(f.lastIndexOf('/') + 1);

/** One sentence for a dropped platform, as errors and metadata show it. */
export function droppedReason(d: DroppedPlatform): string {
  if (d.reason) return d.reason;
  const via = d.importedBy ? ` (imported by ${d.importedBy})` : '';
  const cgo = d.needsCgo ? '; it needs cgo: list the binary in the cgo option (or KUBE_CGO_OVERRIDES), or set tags that leave the package out' : '';
  // File names come from the tree as they are; a control character in one is shown, never printed raw.
  return printable(`build constraints exclude all Go files of ${d.importPath}${via} on ${d.platform}: ${d.files.join(', ')}${cgo}`, Infinity);
}
