import type { GoModule, GoPackage, GoTree } from './go/types';

/** Builds a GoTree by hand: dir → [package name, imports...]. */
export function fakeTree(
  modules: { dir: string; path: string; root?: boolean; vendor?: GoModule['vendor'] }[],
  pkgs: Record<string, { name: string; module: string; importPath: string; imports?: string[]; testImports?: string[]; tests?: boolean; vendoredModule?: string; embeds?: string[] }>,
): GoTree {
  const packages = new Map<string, GoPackage>();
  for (const [dir, p] of Object.entries(pkgs)) {
    const main = `${dir}/${p.name === 'main' ? 'main' : 'x'}.go`;
    const test = `${dir}/x_test.go`;
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
      mod: { modulePath: m.path, goVersion: '1.19', requires: [], replaces: [] },
      ...(m.vendor ? { vendor: m.vendor } : {}),
    })),
    packages,
    warnings: [],
  };
}
