/**
 * Build contexts: where the go command runs and what it sees there, as
 * cmd/go/internal/modload decides it. A go.work makes one context of all the
 * modules it uses; any other module is a context of its own, except a module
 * its enclosing module vendors through a link (Kubernetes' staging modules,
 * built from the root through vendor/k8s.io/*), which builds in that one.
 */
import { GoMod, GoModule, GoPackage, GoReplace, GoTree, GoWorkFile, VendoredModule } from './types';
import { joinRel, relDir, underDir } from './walk';

export interface BuildContext {
  /** Where `go build` runs: the go.work dir or the module dir, workspace-relative. */
  dir: string;
  kind: 'workspace' | 'module';
  /** The modules the go command treats as main modules here. */
  mainModules: GoModule[];
  /** Vendor mode: the entries of <dir>/vendor/modules.txt, and its links into the tree. */
  vendor?: { entries: VendoredModule[]; links: Record<string, string> };
  /** Replace directives in force, each with the dir its local path is relative to; go.work's win. */
  replaces: { replace: GoReplace; baseDir: string }[];
  /** Why this context cannot be read: its go.work, or a module of it. */
  error?: string;
}

export interface Contexts {
  list: BuildContext[];
  /** Module dir → the context its packages build and test in. */
  ofModule: Map<string, BuildContext>;
}


/** Go's vendor-mode default: a vendor/modules.txt and a go version of 1.14 or later. */
function vendorOf(
  owner: { vendor?: VendoredModule[]; vendorLinks?: Record<string, string> },
  goVersion: string | undefined,
  minor: number,
): BuildContext['vendor'] {
  if (!owner.vendor) return undefined;
  if (goVersion !== undefined && goMinor(goVersion) < minor) return undefined;
  return { entries: owner.vendor, links: owner.vendorLinks ?? {} };
}

export function goMinor(v: string): number {
  const m = /^1\.(\d+)/.exec(v);
  return m ? Number(m[1]) : v.startsWith('1') ? 0 : 99;
}

/** Every context of the tree, and the context of each module. Pure. */
export function buildContexts(tree: GoTree): Contexts {
  const byDir = new Map(tree.modules.map((m) => [m.dir, m]));
  const ofModule = new Map<string, BuildContext>();
  const list: BuildContext[] = [];
  for (const w of tree.works ?? []) {
    const ctx = workspaceContext(w, byDir);
    list.push(ctx);
    for (const m of ctx.mainModules) if (!ofModule.has(m.dir)) ofModule.set(m.dir, ctx);
  }
  const standalone = tree.modules.filter((m) => !ofModule.has(m.dir));
  for (const m of standalone) {
    const ctx = moduleContext(m);
    list.push(ctx);
    ofModule.set(m.dir, ctx);
  }
  // Go stops in any dir below a go.work it cannot read: so do the modules there.
  for (const w of tree.works ?? []) {
    if (!w.error) continue;
    for (const m of standalone) {
      const ctx = ofModule.get(m.dir) as BuildContext;
      if (!ctx.error && underDir(m.dir, w.dir)) ctx.error = `${m.dir || '.'} is in the workspace of ${joinRel(w.dir, 'go.work')}, which cannot be read: ${w.error}`;
    }
  }
  rehostVendored(standalone, tree.modules, list, ofModule);
  return { list, ofModule };
}

function workspaceContext(w: GoWorkFile, byDir: Map<string, GoModule>): BuildContext {
  const mains = w.uses.map((d) => byDir.get(d)).filter((m): m is GoModule => m !== undefined);
  const missing = w.uses.filter((d) => !byDir.has(d));
  const broken = [w.error, ...mains.map((m) => m.error)].find(Boolean);
  return {
    dir: w.dir,
    kind: 'workspace',
    mainModules: mains,
    // Workspace vendoring (go work vendor, Go 1.22+) puts vendor/ beside go.work.
    vendor: vendorOf(byDir.get(w.dir) ?? w, w.work?.goVersion, 22),
    replaces: [
      ...w.replaces.map((replace) => ({ replace, baseDir: w.dir })),
      ...mains.flatMap((m) => m.mod.replaces.map((replace) => ({ replace, baseDir: m.dir }))),
    ],
    ...(broken
      ? { error: broken }
      : missing.length > 0
        ? { error: `${joinRel(w.dir, 'go.work')} uses ${missing.join(', ')}, which holds no go.mod: remove the use line or add the module.` }
        : {}),
  };
}

function moduleContext(m: GoModule): BuildContext {
  return {
    dir: m.dir,
    kind: 'module',
    mainModules: [m],
    vendor: vendorOf(m, m.mod.goVersion, 14),
    replaces: m.mod.replaces.map((replace) => ({ replace, baseDir: m.dir })),
    ...(m.error ? { error: m.error } : {}),
  };
}

/** A module its enclosing module vendors through a link builds in the enclosing context: its own is dropped. */
function rehostVendored(standalone: GoModule[], modules: GoModule[], list: BuildContext[], ofModule: Map<string, BuildContext>): void {
  for (const m of standalone) {
    const host = vendoringHost(m, modules, ofModule);
    if (host) {
      const own = ofModule.get(m.dir) as BuildContext;
      list.splice(list.indexOf(own), 1);
      ofModule.set(m.dir, host);
    }
  }
  for (const [dir, ctx] of ofModule) {
    if (!list.includes(ctx)) ofModule.set(dir, ofModule.get(ctx.dir) as BuildContext);
  }
}

function vendoringHost(m: GoModule, modules: GoModule[], ofModule: Map<string, BuildContext>): BuildContext | undefined {
  if (m.vendor || m.mod.modulePath === '') return undefined;
  const hosts = modules
    .filter((o) => o !== m && underDir(m.dir, o.dir) && o.vendorLinks?.[m.mod.modulePath] === m.dir)
    .sort((a, b) => a.dir.length - b.dir.length);
  return hosts.length > 0 ? ofModule.get(hosts[0].dir) : undefined;
}

/** The context a package builds in: its vendor dir's owner for a vendored copy, else its module's. */
export function contextOfPackage(contexts: Contexts, tree: GoTree, p: GoPackage): BuildContext | undefined {
  if (p.vendoredModule !== undefined) {
    const ws = contexts.list.find((c) => c.kind === 'workspace' && c.dir === p.moduleDir && c.vendor);
    if (ws) return ws;
  }
  return contexts.ofModule.get(p.moduleDir) ?? contexts.list.find((c) => c.dir === p.moduleDir);
}

/**
 * How `go build` or `go test` in `ctx` names a package: `./<dir>` when it is
 * in a main module there (any of a go.work's, or the module's own), else its
 * import path (a staging module built through vendor/, a vendored tool).
 */
export function goPackageArg(p: GoPackage, ctx: BuildContext): string {
  const inMain = p.vendoredModule === undefined && ctx.mainModules.some((m) => m.dir === p.moduleDir);
  if (!inMain || (ctx.kind === 'module' && p.moduleDir !== ctx.dir)) return p.importPath;
  const rel = relDir(p.dir, ctx.dir);
  return rel === '' ? '.' : `./${rel}`;
}

/**
 * Whether a context without vendor/ needs modules from a module cache: some
 * main module requires a module that is neither another main module nor
 * replaced by a local dir. Pure; the plugin and the executors both ask it.
 */
export function requiresModuleCache(mainModules: GoMod[], replaces: GoReplace[]): boolean {
  const inTree = new Set(mainModules.map((m) => m.modulePath));
  const local = new Set(replaces.filter((r) => r.local).map((r) => r.oldPath));
  return mainModules.some((m) => m.requires.some((r) => !inTree.has(r.path) && !local.has(r.path)));
}
