/**
 * The Go tree as the plugin sees it: pure data computed from files, no Go
 * toolchain involved. Paths are POSIX and relative to the Nx workspace root.
 */

/** One `import` of one file. */
export interface GoImport {
  path: string;
  /** Workspace-relative file that holds the import (Nx edges need a sourceFile). */
  file: string;
  /** True when the importing file is a `_test.go` file. */
  test: boolean;
  /** The importing file's `//go:build` expression, when it has one. */
  constraint?: string;
}

/** What the scanner reads from the top of one .go file. */
export interface GoFileHeader {
  /** Package clause name (`main`, `kubelet`, `foo_test`). Empty if none found. */
  packageName: string;
  imports: { path: string; line: number }[];
  /** `//go:build` expression, or joined `// +build` lines, when present. */
  buildConstraint?: string;
  /** Patterns of `//go:embed` directives anywhere in the file. */
  embeds: string[];
}

export interface GoReplace {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
  /** True when newPath is a directory (./ ../ or absolute), i.e. a local module. */
  local: boolean;
}

export interface GoMod {
  modulePath: string;
  /** The `go` directive, e.g. "1.19"; undefined when absent. */
  goVersion?: string;
  requires: { path: string; version: string; indirect: boolean }[];
  replaces: GoReplace[];
}

export interface VendoredModule {
  path: string;
  version: string;
  /** `=> ./staging/src/k8s.io/api` and friends. */
  replacement?: { path: string; version?: string };
  explicit: boolean;
  /** Packages listed under the module line. */
  packages: string[];
}

/** A Go module found in the tree (a go.mod file). */
export interface GoModule {
  /** Directory holding go.mod, workspace-relative ('' for the workspace root). */
  dir: string;
  mod: GoMod;
  /** True when no other module's directory contains this one. */
  root: boolean;
  /** Parsed vendor/modules.txt, when the module has one. */
  vendor?: VendoredModule[];
  /**
   * Vendored module path -> workspace-relative real dir, for vendor/<path>
   * entries that are symlinks into the workspace (they stand for in-repo modules).
   */
  vendorLinks?: Record<string, string>;
  /** vendor/modules.txt was written by `go work vendor` (`## workspace`). */
  vendorWorkspace?: boolean;
  /** Why this module cannot be read (its go.mod or vendor/modules.txt, with file and line). */
  error?: string;
}

/** A go.work file. */
export interface GoWorkFile {
  /** Directory holding go.work, workspace-relative. */
  dir: string;
  /** `use` dirs, workspace-relative real dirs. */
  uses: string[];
  replaces: GoReplace[];
  work?: import('./gowork').GoWork;
  /** `use` entries that leave the workspace. */
  outside?: string[];
  /** Workspace vendoring: <dir>/vendor/modules.txt when no module sits at dir (else the module holds it). */
  vendor?: VendoredModule[];
  vendorLinks?: Record<string, string>;
  vendorWorkspace?: boolean;
  error?: string;
}

/** A directory holding at least one .go file (test-only directories included). */
export interface GoPackage {
  /** Workspace-relative directory. Canonical: a vendor symlink resolves to its target. */
  dir: string;
  importPath: string;
  /** Package name of the non-test files; '' for a test-only directory. */
  name: string;
  /** The module directory (GoModule.dir) this package belongs to. */
  moduleDir: string;
  /** Non-test .go files, workspace-relative, sorted. */
  goFiles: string[];
  /** _test.go files, workspace-relative, sorted. */
  testFiles: string[];
  /** Embed patterns from //go:embed, relative to the package dir. */
  embeds: string[];
  /** Imports of every file (test files included), standard library excluded. */
  imports: GoImport[];
  /**
   * Non-test file name → the constraint Go applies to it (`//go:build`, plus
   * `cgo` for an `import "C"` file); files without one are absent.
   */
  fileConstraints?: Record<string, string>;
  /** The same for _test.go files (what `go test -c` of the package compiles); files without one are absent. */
  testFileConstraints?: Record<string, string>;
  /** Set when the package lives under the vendor/ directory of moduleDir (a real, non-symlinked vendored copy). */
  vendoredModule?: string;
}

export interface GoTree {
  modules: GoModule[];
  /** go.work files, sorted by dir. */
  works?: GoWorkFile[];
  /** Keyed by canonical package dir. */
  packages: Map<string, GoPackage>;
  /** Non-fatal problems (unreadable file, symlink loop skipped, ...), each one sentence. */
  warnings: string[];
  /** Absolute real path of the workspace the tree was scanned from. */
  workspaceRoot?: string;
  /** Dir as reached through a followed directory symlink -> canonical package dir. */
  aliases?: Map<string, string>;
  /** How much work the scan did: .go files seen, and how many of them were read and parsed. */
  stats?: { goFiles: number; headersParsed: number };
}

/** Where an import path lands, seen from a module. */
export type ResolvedImport =
  | { kind: 'package'; dir: string }
  | { kind: 'vendor'; module: string; dir: string }
  | { kind: 'std' }
  /** A module outside the tree (the module cache): a required or non-locally replaced module. */
  | { kind: 'external'; module: string }
  | { kind: 'unknown' };
