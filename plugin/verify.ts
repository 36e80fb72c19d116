/**
 * `nx-kube-build verify`: the graph's package closure of each binary against
 * what the go command itself lists (`go list -e -deps`), per platform of the
 * binary's configurations and with its tags. Packages outside the tree (the
 * module cache, or not downloadable offline) are not compared: they cannot
 * change in a commit of this repository.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildClosure } from './go/graph';
import { LoadedWorkspace, modelOf } from './load';
import { BinaryModel, cgoOn } from './model';
import { platformString } from './platforms';
import { printable } from './vocabulary/printable';
import { FILES_TEMPLATE, InputMiss, ListedFile, parseListedFiles, uncoveredFiles } from './verify-inputs';

/** One package as `go list -deps` prints it. */
export interface ListedPackage {
  importPath: string;
  /** Workspace-relative real dir; undefined outside the tree. */
  dir?: string;
  standard: boolean;
  deps: string[];
  imports: string[];
  error?: string;
  /** Every file go reads for it (FILES_TEMPLATE). */
  files: ListedFile[];
}

export interface BinaryVerdict {
  binary: string;
  platforms: string[];
  /** In-tree package dirs go compiles, and those the graph reaches. */
  truth: number;
  graph: number;
  hit: number;
  recall: number;
  precision: number;
  /** The first package the graph misses, and who imports it. */
  missing?: { dir: string; importPath: string; importedBy?: string; file?: string };
  /** Packages go could not load (outside the tree, no module cache): not compared. */
  unloaded: number;
  firstError?: string;
  /** Files go reads for the binary's in-tree packages that no build input covers. */
  uncovered: InputMiss[];
}

const TEMPLATE =
  `{{.ImportPath}}\t{{.Dir}}\t{{.Standard}}\t{{join .Deps " "}}\t{{join .Imports " "}}\t{{with .Error}}{{.Err}}{{end}}\t${FILES_TEMPLATE}`;

const words = (s: string): string[] => s.split(' ').filter(Boolean);

/** Parses `go list -e -deps -f TEMPLATE` output; dirs become workspace-relative real dirs. */
export function parseListOutput(text: string, realRoot: string, realpath: (p: string) => string = fs.realpathSync.native): ListedPackage[] {
  const out: ListedPackage[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [importPath, dir, standard, deps, imports, error, files] = line.split('\t');
    let rel: string | undefined;
    if (dir) {
      let real = dir;
      try {
        real = realpath(dir);
      } catch {
        // A dir go names but that is gone: compared as written.
      }
      const r = path.relative(realRoot, real);
      if (r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r)) rel = r.split(path.sep).join('/');
    }
    out.push({ importPath, dir: rel, standard: standard === 'true', deps: words(deps ?? ''), imports: words(imports ?? ''), error: error || undefined, files: parseListedFiles(files) });
  }
  return out;
}

/** Compares one binary's graph closure with the packages go lists for it (all its platforms together). Pure. */
export function compareClosure(
  loaded: LoadedWorkspace,
  b: BinaryModel,
  listings: { platform: string; packages: ListedPackage[] }[],
): BinaryVerdict {
  const graph = buildClosure(loaded.graph.edges, b.dir);
  const truth = new Map<string, ListedPackage>();
  let unloaded = 0;
  let firstError: string | undefined;
  for (const { packages } of listings) {
    const byPath = new Map(packages.map((p) => [p.importPath, p]));
    const main = packages.find((p) => p.dir === b.dir);
    const deps = main ? [main.importPath, ...main.deps] : [];
    for (const ip of deps) {
      const p = byPath.get(ip);
      if (!p || p.standard) continue;
      if (p.dir === undefined) {
        unloaded += p.error ? 1 : 0;
        firstError ??= p.error;
        continue;
      }
      truth.set(p.dir, p);
    }
  }
  const hit = [...truth.keys()].filter((d) => graph.has(d)).length;
  const missingDir = [...truth.keys()].sort().find((d) => !graph.has(d));
  const verdict: BinaryVerdict = {
    binary: b.name,
    platforms: listings.map((l) => l.platform),
    truth: truth.size,
    graph: graph.size,
    hit,
    recall: truth.size === 0 ? 1 : hit / truth.size,
    precision: graph.size === 0 ? 1 : hit / graph.size,
    unloaded,
    ...(firstError ? { firstError } : {}),
    uncovered: [...truth.values()].flatMap((p) => uncoveredFiles(loaded.tree, p.dir as string, p.importPath, p.files)),
  };
  if (missingDir !== undefined) {
    const m = truth.get(missingDir) as ListedPackage;
    const importer = [...truth.values()].find((p) => p.dir !== undefined && graph.has(p.dir) && p.imports.includes(m.importPath));
    const pkg = importer?.dir !== undefined ? loaded.tree.packages.get(importer.dir) : undefined;
    const file = pkg?.imports.find((i) => i.path === m.importPath)?.file;
    verdict.missing = { dir: missingDir, importPath: m.importPath, ...(importer ? { importedBy: importer.importPath } : {}), ...(file ? { file } : {}) };
  }
  return verdict;
}

function goList(goBin: string, cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(goBin, args, { cwd, env, maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      // -e keeps going past packages it cannot load; a non-zero exit with no output is Go itself failing.
      if (err && stdout.trim() === '') reject(new Error(`go ${args.slice(0, 3).join(' ')} … in ${cwd} failed: ${(stderr || err.message).trim()}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** The environment and arguments of one `go list` for binaries sharing a context, platform, tags and cgo. Pure. */
export function goListCall(
  baseEnv: NodeJS.ProcessEnv,
  platform: { os: string; arch: string },
  b: Pick<BinaryModel, 'cgo' | 'tags' | 'main'> & { mains?: string[] },
): { env: NodeJS.ProcessEnv; args: string[] } {
  // Never a download unless GOPROXY says where from: packages outside the tree are not compared anyway.
  const env = {
    ...baseEnv,
    GOOS: platform.os,
    GOARCH: platform.arch,
    CGO_ENABLED: b.cgo ? '1' : '0',
    GOTOOLCHAIN: 'local',
    GOFLAGS: baseEnv.GOFLAGS ?? '',
    GOPROXY: baseEnv.GOPROXY ?? 'off',
  };
  const args = ['list', '-e', '-deps', ...(b.tags.length ? [`-tags=${b.tags.join(',')}`] : []), '-f', TEMPLATE, ...(b.mains ?? [b.main])];
  return { env, args };
}

/** Runs `go list` once per (context, platform, tags, cgo) and compares every binary. */
export async function verifyBinaries(
  loaded: LoadedWorkspace,
  opts: { goBin?: string; env?: NodeJS.ProcessEnv; only?: string[] } = {},
): Promise<BinaryVerdict[]> {
  const model = modelOf(loaded);
  const realRoot = loaded.tree.workspaceRoot as string;
  const goBin = opts.goBin ?? 'go';
  const baseEnv = opts.env ?? process.env;
  // A test binary's closure is its tests' (go list -test), which this comparison does not model: mains only.
  const binaries = model.binaries.filter((b) => !b.testBinary && (!opts.only || opts.only.includes(b.name)));
  const groups = new Map<string, { b: BinaryModel[]; platform: string; os: string; arch: string }>();
  for (const b of binaries) {
    for (const p of b.platforms) {
      const key = JSON.stringify([b.moduleRoot, platformString(p), b.tags, cgoOn(b, p)]);
      if (!groups.has(key)) groups.set(key, { b: [], platform: platformString(p), os: p.os, arch: p.arch });
      (groups.get(key) as { b: BinaryModel[] }).b.push(b);
    }
  }
  const listings = new Map<string, { platform: string; packages: ListedPackage[] }[]>();
  for (const g of groups.values()) {
    const first = g.b[0];
    const { env, args } = goListCall(baseEnv, g, { ...first, cgo: cgoOn(first, g), mains: g.b.map((b) => b.main) });
    const { stdout } = await goList(goBin, path.join(realRoot, first.moduleRoot), env, args);
    const packages = parseListOutput(stdout, realRoot);
    for (const b of g.b) {
      if (!listings.has(b.name)) listings.set(b.name, []);
      (listings.get(b.name) as { platform: string; packages: ListedPackage[] }[]).push({ platform: g.platform, packages });
    }
  }
  return binaries.map((b) => compareClosure(loaded, b, listings.get(b.name) ?? []));
}

const f3 = (n: number): string => n.toFixed(3);

/** The report: a line per binary, the first miss, Go's first error, and the totals. Returns the exit code. */
export function printVerdicts(verdicts: BinaryVerdict[], log: (line: string) => void): number {
  let truth = 0;
  let graph = 0;
  let hit = 0;
  let misses = 0;
  for (const v of verdicts) {
    truth += v.truth;
    graph += v.graph;
    hit += v.hit;
    log(`${v.binary} (${v.platforms.join(', ')}): recall ${f3(v.recall)}, precision ${f3(v.precision)} (${v.hit} of ${v.truth} packages go compiles; the graph has ${v.graph})`);
    if (v.missing) {
      misses++;
      const m = v.missing;
      log(printable(`  missing ${m.dir} (${m.importPath})${m.importedBy ? `, imported by ${m.importedBy}${m.file ? ` in ${m.file}` : ''}` : ''}`, Infinity));
    }
    if (v.uncovered.length > 0) {
      misses++;
      for (const u of v.uncovered.slice(0, 3)) log(`  not a build input: ${u.dir}/${printable(u.file)} (go list ${u.field} of ${u.importPath}): a change to it would restore a stale binary`);
      if (v.uncovered.length > 3) log(`  … and ${v.uncovered.length - 3} more file(s) no build input covers`);
    }
    if (v.unloaded > 0) log(`  ${v.unloaded} package(s) outside the tree could not be loaded, not compared; go says: ${printable(v.firstError ?? '', Infinity)}`);
  }
  const recall = truth === 0 ? 1 : hit / truth;
  const precision = graph === 0 ? 1 : hit / graph;
  log(`verify: ${verdicts.length} binaries, recall ${f3(recall)}, precision ${f3(precision)}${misses ? `, ${misses} with missing packages or files` : ''}`);
  return misses > 0 ? 1 : 0;
}
