import type { GoModule, GoPackage, GoReplace, GoTree, GoWorkFile } from './go/types';

/** One module of a hand-made tree. */
export interface FakeModule {
  dir: string;
  path: string;
  root?: boolean;
  goVersion?: string;
  requires?: string[];
  /** `old => new`: local when new starts with . or /. */
  replaces?: Record<string, string>;
  vendor?: GoModule['vendor'];
  vendorLinks?: GoModule['vendorLinks'];
  error?: string;
}

/** Builds a GoTree by hand: dir → [package name, imports...]. */
export function fakeTree(
  modules: FakeModule[],
  pkgs: Record<string, { name: string; module: string; importPath: string; imports?: string[]; testImports?: string[]; tests?: boolean; vendoredModule?: string; embeds?: string[] }>,
  works?: GoWorkFile[],
): GoTree {
  const packages = new Map<string, GoPackage>();
  for (const [dir, p] of Object.entries(pkgs)) {
    const main = `${dir ? `${dir}/` : ''}${p.name === 'main' ? 'main' : 'x'}.go`;
    const test = `${dir ? `${dir}/` : ''}x_test.go`;
    packages.set(dir, {
      dir,
      importPath: p.importPath,
      name: p.name,
      moduleDir: p.module,
      goFiles: [main],
      testFiles: p.tests || p.testImports ? [test] : [],
      embeds: p.embeds ?? [],
      imports: [
        ...(p.imports ?? []).map((path) => ({ path, file: main, test: false })),
        ...(p.testImports ?? []).map((path) => ({ path, file: test, test: true })),
      ],
      ...(p.vendoredModule ? { vendoredModule: p.vendoredModule } : {}),
    });
  }
  return {
    modules: modules.map((m) => ({
      dir: m.dir,
      root: m.root ?? true,
      mod: {
        modulePath: m.path,
        goVersion: m.goVersion ?? '1.19',
        requires: (m.requires ?? []).map((path) => ({ path, version: 'v1.0.0', indirect: false })),
        replaces: Object.entries(m.replaces ?? {}).map(([oldPath, newPath]): GoReplace => ({
          oldPath,
          newPath,
          local: newPath.startsWith('.') || newPath.startsWith('/'),
        })),
      },
      ...(m.vendor ? { vendor: m.vendor } : {}),
      ...(m.vendorLinks ? { vendorLinks: m.vendorLinks } : {}),
      ...(m.error ? { error: m.error } : {}),
    })),
    ...(works ? { works } : {}),
    packages,
    warnings: [],
  };
}
