/**
 * Deterministic synthetic Go tree shaped like Kubernetes: a root module with
 * cmd/<binary> and pkg/<area>, staging modules reached through vendor/
 * symlinks and replace directives, and vendored third-party modules. Plain
 * stdlib Go that builds with Go 1.19. Imports only point to packages generated
 * earlier, so the graph has no cycles.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface TreeOptions {
  seed: number;
  /** Library packages over vendor/, staging/ and the root module (cmd/<bin>/app included). */
  packages: number;
  /** cmd/<name> main packages. */
  binaries: number;
  vendoredModules: number;
  /** Mean .go files per library package, tests included. */
  filesPerPackage: number;
  stagingModules: number;
}

export type PresetName = 'tiny' | 'k8s';

export const PRESETS: Readonly<Record<PresetName, TreeOptions>> = {
  tiny: { seed: 7, packages: 48, binaries: 3, vendoredModules: 5, filesPerPackage: 3, stagingModules: 3 },
  k8s: { seed: 7, packages: 3200, binaries: 45, vendoredModules: 220, filesPerPackage: 10, stagingModules: 26 },
};

export const ROOT_MODULE = 'k8s.io/kubernetes';
const GO_VERSION = '1.19';

export interface TreeSummary {
  dir: string;
  modulePath: string;
  /** Every Go package written, main packages included. */
  packages: number;
  goFiles: number;
  testFiles: number;
  binaries: string[];
  vendoredModules: number;
  stagingModules: string[];
  importEdges: number;
  /** Direct importers of the most imported packages. */
  topFanIn: { importPath: string; importers: number }[];
  medianFanIn: number;
  /** How many binaries reach each package: the most and the median. */
  maxBinaryReach: number;
  medianBinaryReach: number;
  /** A non-test file of a root package that exactly one or two binaries import. */
  fewBinariesFile: string;
  fewBinariesCount: number;
  /** A non-test file of a root package that most binaries import. */
  manyBinariesFile: string;
  manyBinariesCount: number;
  /** A non-test file of a root package that about a tenth of the binaries import. */
  tenthBinariesFile: string;
  tenthBinariesCount: number;
}

// ---------------------------------------------------------------- randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private readonly next: () => number;
  private readonly zipfTables = new Map<string, Float64Array>();
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** Index in [0, n) with weight 1/(i+1)^s: low indexes are the popular ones. */
  zipf(n: number, s = 1): number {
    const key = `${n}:${s}`;
    let cum = this.zipfTables.get(key);
    if (!cum) {
      cum = new Float64Array(n);
      let acc = 0;
      for (let i = 0; i < n; i++) cum[i] = acc += 1 / Math.pow(i + 1, s);
      this.zipfTables.set(key, cum);
    }
    const x = this.next() * cum[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------- names

const WORDS = (
  'admission aggregator alpha apply audit auth authn authz backoff batch binding bootstrap bucket ' +
  'cadvisor capacity certificate checkpoint cidr claim cleanup cluster codec condition config conntrack ' +
  'container controller conversion coordination cpumanager cri cronjob csi daemon debug decoder defaults ' +
  'deployment devicemanager discovery disruption dns drain dynamic encoding endpoint endpointslice ephemeral ' +
  'eviction events exec expand factory feature fieldpath filter flowcontrol garbage gc generic graceful ' +
  'handler healthz hostport hpa image informer ingress ipam iptables ipvs job kuberuntime lease lifecycle ' +
  'limitrange lister logs manager memory merge metrics migration mount namespace network node nodeipam ' +
  'nodelifecycle oom options patch persistent plugin pleg podgc policy portforward preemption prober ' +
  'protocol proxy quota queue ratelimit reconciler record registry replicaset resize resource rest ' +
  'restmapper retry rollout runtime scale schedule scheme secret selector serializer server service ' +
  'serviceaccount sets snapshot stateful status storage strategy stream sysctl taint token topology ' +
  'tracker transport ttl types userns validation value version volume watch webhook winkernel workqueue'
).split(' ');

const NOUNS = (
  'Widget Pod Node Lease Claim Volume Endpoint Policy Binding Route Quota Probe Token Secret Event ' +
  'Lister Informer Handler Store Queue Cache Plugin Manager Tracker Filter Scorer Reconciler Watcher ' +
  'Limiter Allocator Builder Codec Decoder Encoder Selector Snapshot Status Strategy Validator Mapper'
).split(' ');

const FILE_NAMES = [
  'types.go', 'register.go', 'helpers.go', 'util.go', 'validation.go', 'conversion.go', 'defaults.go',
  'controller.go', 'cache.go', 'config.go', 'options.go', 'server.go', 'client.go', 'handler.go',
  'interface.go', 'factory.go', 'store.go', 'metrics.go', 'plugin.go', 'manager.go', 'lister.go',
  'informer.go', 'zz_generated.deepcopy.go', 'zz_generated.conversion.go', 'generated.pb.go',
];

const KNOWN_VENDOR = [
  'k8s.io/klog/v2', 'k8s.io/utils', 'github.com/spf13/pflag', 'golang.org/x/sys', 'github.com/gogo/protobuf',
  'google.golang.org/protobuf', 'github.com/google/gofuzz', 'sigs.k8s.io/structured-merge-diff/v4',
  'sigs.k8s.io/json', 'sigs.k8s.io/yaml', 'gopkg.in/yaml.v2', 'gopkg.in/yaml.v3', 'github.com/spf13/cobra',
  'golang.org/x/net', 'golang.org/x/text', 'golang.org/x/sync', 'golang.org/x/time', 'golang.org/x/crypto',
  'golang.org/x/oauth2', 'github.com/go-logr/logr', 'github.com/json-iterator/go', 'github.com/modern-go/reflect2',
  'github.com/davecgh/go-spew', 'github.com/google/go-cmp', 'github.com/prometheus/client_model',
  'github.com/prometheus/common', 'github.com/prometheus/procfs', 'github.com/prometheus/client_golang',
  'go.opentelemetry.io/otel', 'go.opentelemetry.io/otel/trace', 'go.opentelemetry.io/otel/metric',
  'google.golang.org/genproto', 'google.golang.org/grpc', 'github.com/emicklei/go-restful/v3',
  'github.com/blang/semver/v4', 'github.com/fsnotify/fsnotify', 'github.com/coreos/go-systemd/v22',
  'go.etcd.io/etcd/api/v3', 'go.etcd.io/etcd/client/v3', 'go.uber.org/multierr', 'go.uber.org/zap',
  'github.com/pkg/errors', 'github.com/evanphx/json-patch', 'github.com/google/uuid',
  'github.com/opencontainers/runc', 'github.com/container-storage-interface/spec', 'cloud.google.com/go',
  'cloud.google.com/go/compute', 'github.com/stretchr/testify', 'github.com/pmezard/go-difflib',
];

const VENDOR_HOSTS = ['github.com', 'github.com', 'github.com', 'github.com', 'go.uber.org', 'sigs.k8s.io', 'gopkg.in'];

const KNOWN_STAGING = [
  'apimachinery', 'api', 'client-go', 'component-base', 'apiserver', 'code-generator', 'component-helpers',
  'cli-runtime', 'kms', 'metrics', 'cri-api', 'mount-utils', 'cloud-provider', 'controller-manager', 'kubectl',
  'kubelet', 'kube-proxy', 'kube-scheduler', 'kube-controller-manager', 'apiextensions-apiserver',
  'kube-aggregator', 'cluster-bootstrap', 'csi-translation-lib', 'dynamic-resource-allocation', 'endpointslice',
  'legacy-cloud-providers', 'pod-security-admission', 'sample-apiserver', 'sample-controller', 'sample-cli-plugin',
];

/** First packages of some staging modules: the ones everything builds on. */
const STAGING_CORE: Record<string, string[]> = {
  apimachinery: [
    'pkg/types', 'pkg/util/sets', 'pkg/util/runtime', 'pkg/runtime/schema', 'pkg/runtime', 'pkg/apis/meta/v1',
    'pkg/labels', 'pkg/util/wait', 'pkg/api/resource', 'pkg/api/errors',
  ],
  api: ['core/v1', 'apps/v1', 'batch/v1', 'rbac/v1'],
  'client-go': ['rest', 'tools/cache', 'kubernetes', 'informers'],
  'component-base': ['featuregate', 'metrics', 'logs', 'version', 'cli'],
};

const KNOWN_BINARIES = [
  'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubectl', 'kubeadm',
  'kubemark', 'cloud-controller-manager', 'kubectl-convert', 'gendocs', 'genkubedocs', 'genman', 'genyaml',
  'genswaggertypedocs', 'importverifier', 'clicheck', 'dependencyverifier', 'fieldnamedocscheck', 'gotemplate',
  'preferredimports', 'prune-junit-xml', 'yamlfmt', 'linkcheck', 'genfeaturegates', 'dependencycheck',
];

const SHARED_AREAS = ['util', 'apis', 'api', 'features', 'capabilities', 'fieldpath', 'securitycontext', 'credentialprovider', 'client', 'generated'];
const FEATURE_AREAS = [
  'kubelet', 'proxy', 'scheduler', 'controller', 'registry', 'volume', 'kubeapiserver', 'kubectl', 'printers',
  'probe', 'quota', 'serviceaccount', 'auth', 'cloudprovider', 'controlplane', 'routes', 'windows', 'cluster',
  'kubemark', 'admission', 'apiserver', 'cri', 'network', 'storage', 'security', 'certificates',
];

const GO_KEYWORDS = new Set(
  'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(
    ' ',
  ),
);
/** Names a dependency import may not take: the stdlib packages files import. */
const RESERVED_IMPORT_NAMES = new Set(['fmt', 'strings', 'testing', 'os', 'main']);

// ---------------------------------------------------------------- model

type Tier = 'vendor' | 'staging' | 'root' | 'app' | 'main';

interface Unit {
  kind: 'vendor' | 'staging' | 'shared' | 'feature' | 'app';
  /** Module path (vendor, staging) or area dir (pkg/<area>). */
  name: string;
  pkgs: number[];
  order: number;
}

interface Pkg {
  idx: number;
  tier: Tier;
  unit: number;
  importPath: string;
  /** Real dir, tree-relative. */
  dir: string;
  name: string;
  deps: number[];
  files: number;
}

function goIdent(segment: string): string {
  let s = segment.replace(/\.v[0-9]+$/, '').replace(/^go-/, '').replace(/[^a-zA-Z0-9]/g, '').toLowerCase();
  if (s === '' || /^[0-9]/.test(s)) s = `p${s}`;
  if (GO_KEYWORDS.has(s)) s = `${s}pkg`;
  return s;
}

function packageNameOf(importPath: string, modulePath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1];
  // github.com/foo/bar/v2 is package bar; core/v1 stays v1.
  if (importPath === modulePath && /^v[0-9]+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return goIdent(last);
}

/** Splits `total` into `n` parts of at least `min`, sizes skewed so a few parts are large. */
function skewedSizes(rng: Rand, n: number, total: number, min: number, s: number, bigFirst: number): number[] {
  const sizes = new Array<number>(n).fill(min);
  let left = total - n * min;
  if (left <= 0) return sizes;
  const ranks = rng.shuffle([...Array(n).keys()]);
  // The first `bigFirst` units (the well-known core ones) get the top ranks.
  for (let i = 0; i < Math.min(bigFirst, n); i++) {
    const at = ranks.indexOf(i);
    [ranks[at], ranks[i]] = [ranks[i], ranks[at]];
  }
  const weights = ranks.map((r) => 1 / Math.pow(r + 1, s));
  const sum = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    const add = Math.floor((left * weights[i]) / sum);
    sizes[i] += add;
  }
  left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) sizes[i]++;
  return sizes;
}

class TreeBuilder {
  readonly units: Unit[] = [];
  readonly pkgs: Pkg[] = [];
  private readonly dirs = new Set<string>();

  constructor(private readonly rng: Rand) {}

  addUnit(kind: Unit['kind'], name: string): Unit {
    const u: Unit = { kind, name, pkgs: [], order: this.units.length };
    this.units.push(u);
    return u;
  }

  addPkg(u: Unit, tier: Tier, importPath: string, dir: string, modulePath: string, files: number): Pkg | undefined {
    if (this.dirs.has(dir)) return undefined;
    this.dirs.add(dir);
    const p: Pkg = {
      idx: this.pkgs.length,
      tier,
      unit: u.order,
      importPath,
      dir,
      name: tier === 'main' ? 'main' : packageNameOf(importPath, modulePath),
      deps: [],
      files,
    };
    this.pkgs.push(p);
    u.pkgs.push(p.idx);
    return p;
  }

  hasDir(dir: string): boolean {
    return this.dirs.has(dir);
  }

  /** A fresh relative path of 1..maxDepth words under `base`, avoiding reserved first segments. */
  freshSubpath(base: string, dirPrefix: string, maxDepth: number, reserved: Set<string>): string {
    for (let attempt = 0; ; attempt++) {
      const depth = this.rng.int(1, maxDepth);
      const segs: string[] = [];
      for (let i = 0; i < depth; i++) segs.push(this.rng.pick(WORDS));
      if (this.rng.chance(0.15)) segs.push(this.rng.pick(['v1', 'v1beta1', 'v1alpha1', 'v2']));
      if (reserved.has(segs[0])) continue;
      if (attempt > 20) segs[segs.length - 1] += String(attempt);
      const rel = segs.join('/');
      if (!this.dirs.has(`${dirPrefix}/${rel}`)) return base ? `${base}/${rel}` : rel;
    }
  }
}

// ---------------------------------------------------------------- generation

interface Plan {
  builder: TreeBuilder;
  vendorModules: { path: string; version: string; pkgs: number[]; indirect: boolean }[];
  staging: { name: string; pkgs: number[]; deps: Set<string> }[];
  binaries: { name: string; main: number }[];
  hubs: { idx: number; p: Record<Tier, number> }[];
}

function fileCount(rng: Rand, mean: number): number {
  return rng.int(Math.max(1, Math.ceil(mean / 2)), Math.max(1, Math.floor(mean * 1.5)));
}

function vendorModulePaths(rng: Rand, n: number): string[] {
  const out = KNOWN_VENDOR.slice(0, n);
  const taken = new Set(out);
  const clashes = (p: string) => [...taken].some((t) => t === p || t.startsWith(`${p}/`) || p.startsWith(`${t}/`));
  while (out.length < n) {
    const host = rng.pick(VENDOR_HOSTS);
    const a = rng.pick(WORDS);
    const b = rng.pick(WORDS);
    let p: string;
    if (host === 'gopkg.in') p = `gopkg.in/${a}.v${rng.int(1, 3)}`;
    else if (host === 'github.com') p = `github.com/${a}/${rng.chance(0.3) ? 'go-' : ''}${b}${rng.chance(0.15) ? `/v${rng.int(2, 5)}` : ''}`;
    else p = `${host}/${a}`;
    if (clashes(p)) continue;
    taken.add(p);
    out.push(p);
  }
  return out;
}

/** The major version a module path pins (…/v2, gopkg.in/x.v3), if any. */
function majorOf(modulePath: string): number | undefined {
  const m = /(?:\/v|\.v)([0-9]+)$/.exec(modulePath);
  return m ? Number(m[1]) : undefined;
}

function stagingNames(rng: Rand, n: number): string[] {
  const out = KNOWN_STAGING.slice(0, n);
  while (out.length < n) {
    const name = `${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** How many packages each layer gets. */
function layerSizes(opts: TreeOptions): { appCount: number; vendorTotal: number; stagingTotal: number; rootTotal: number } {
  const appCount = Math.round(opts.binaries * 0.75);
  const libTotal = Math.max(opts.packages, opts.vendoredModules + opts.stagingModules + appCount + 3);
  const vendorTotal = Math.max(opts.vendoredModules, Math.round(libTotal * 0.25));
  const stagingTotal = Math.max(opts.stagingModules, Math.round(libTotal * 0.25));
  return { appCount, vendorTotal, stagingTotal, rootTotal: Math.max(2, libTotal - vendorTotal - stagingTotal - appCount) };
}

/** Vendored third-party modules, bottom layer. */
function planVendor(rng: Rand, b: TreeBuilder, opts: TreeOptions, total: number): Plan['vendorModules'] {
  const mean = opts.filesPerPackage;
  const vpaths = vendorModulePaths(rng, opts.vendoredModules);
  const vsizes = skewedSizes(rng, vpaths.length, total, 1, 0.9, 0);
  const vendorModules: Plan['vendorModules'] = [];
  for (let i = 0; i < vpaths.length; i++) {
    const mp = vpaths[i];
    // Nested modules own their subtree: keep this module's packages out of it.
    const reserved = new Set(
      vpaths.filter((o) => o.startsWith(`${mp}/`)).map((o) => o.slice(mp.length + 1).split('/')[0]),
    );
    const u = b.addUnit('vendor', mp);
    const dirPrefix = `vendor/${mp}`;
    const hasRoot = i < 12 || rng.chance(0.7) || vsizes[i] === 1;
    if (hasRoot) b.addPkg(u, 'vendor', mp, dirPrefix, mp, fileCount(rng, mean));
    while (u.pkgs.length < vsizes[i]) {
      const sub = b.freshSubpath('', dirPrefix, 2, reserved);
      b.addPkg(u, 'vendor', `${mp}/${sub}`, `${dirPrefix}/${sub}`, mp, fileCount(rng, mean));
    }
    vendorModules.push({ path: mp, version: `v${majorOf(mp) ?? rng.int(0, 1)}.${rng.int(0, 30)}.${rng.int(0, 12)}`, pkgs: u.pkgs, indirect: i >= 12 && rng.chance(0.4) });
  }
  return vendorModules;
}

/** Staging modules, above vendor. */
function planStaging(rng: Rand, b: TreeBuilder, opts: TreeOptions, total: number): Plan['staging'] {
  const mean = opts.filesPerPackage;
  const snames = stagingNames(rng, opts.stagingModules);
  const ssizes = skewedSizes(rng, snames.length, total, 1, 1.1, 3);
  const staging: Plan['staging'] = [];
  for (let i = 0; i < snames.length; i++) {
    const mp = `k8s.io/${snames[i]}`;
    const u = b.addUnit('staging', mp);
    const dirPrefix = `staging/src/${mp}`;
    for (const rel of STAGING_CORE[snames[i]] ?? []) {
      if (u.pkgs.length >= ssizes[i]) break;
      b.addPkg(u, 'staging', `${mp}/${rel}`, `${dirPrefix}/${rel}`, mp, fileCount(rng, mean));
    }
    const base = snames[i] === 'api' ? '' : rng.chance(0.8) ? 'pkg' : '';
    while (u.pkgs.length < ssizes[i]) {
      const sub = b.freshSubpath(base, base ? `${dirPrefix}/${base}` : dirPrefix, 3, new Set());
      b.addPkg(u, 'staging', `${mp}/${sub}`, `${dirPrefix}/${sub}`, mp, fileCount(rng, mean));
    }
    staging.push({ name: snames[i], pkgs: u.pkgs, deps: new Set() });
  }
  return staging;
}

/** Root module areas: shared ones first, then feature areas. */
function planAreas(rng: Rand, b: TreeBuilder, mean: number, total: number): { areaUnits: Unit[]; sharedCount: number } {
  const areaCount = Math.max(3, Math.round(total / 55));
  const sharedCount = Math.max(1, Math.round(areaCount * 0.2));
  const areaNames: string[] = [];
  for (let i = 0; i < areaCount; i++) {
    const known = i < sharedCount ? SHARED_AREAS[i] : FEATURE_AREAS[i - sharedCount];
    let name = known ?? `${rng.pick(WORDS)}${i}`;
    while (areaNames.includes(name)) name += 'x';
    areaNames.push(name);
  }
  const asizes = skewedSizes(rng, areaCount, total, 1, 0.5, sharedCount);
  const areaUnits: Unit[] = [];
  for (let i = 0; i < areaCount; i++) {
    const u = b.addUnit(i < sharedCount ? 'shared' : 'feature', `pkg/${areaNames[i]}`);
    areaUnits.push(u);
    const base = `pkg/${areaNames[i]}`;
    b.addPkg(u, 'root', `${ROOT_MODULE}/${base}`, base, ROOT_MODULE, fileCount(rng, mean));
    while (u.pkgs.length < asizes[i]) {
      const sub = b.freshSubpath(base, base, 3, new Set());
      b.addPkg(u, 'root', `${ROOT_MODULE}/${sub}`, sub, ROOT_MODULE, fileCount(rng, mean));
    }
  }
  return { areaUnits, sharedCount };
}

/** Binaries: cmd/<name>/app (most of them) and cmd/<name>. */
function planBinaries(rng: Rand, b: TreeBuilder, opts: TreeOptions, appCount: number): { apps: (Pkg | undefined)[]; binaries: Plan['binaries'] } {
  const names: string[] = [];
  for (let i = 0; names.length < opts.binaries; i++) {
    const name = KNOWN_BINARIES[i] ?? `kube-${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    if (!names.includes(name)) names.push(name);
  }
  const appUnit = b.addUnit('app', 'cmd');
  const apps: (Pkg | undefined)[] = names.map((n, i) =>
    i < appCount ? b.addPkg(appUnit, 'app', `${ROOT_MODULE}/cmd/${n}/app`, `cmd/${n}/app`, ROOT_MODULE, fileCount(rng, opts.filesPerPackage)) : undefined,
  );
  const mainUnit = b.addUnit('app', 'cmd-main');
  const binaries = names.map((n) => ({
    name: n,
    main: b.addPkg(mainUnit, 'main', `${ROOT_MODULE}/cmd/${n}`, `cmd/${n}`, ROOT_MODULE, 1)!.idx,
  }));
  return { apps, binaries };
}

/** Hubs: imported directly by a large share of what sits above them. */
const HUB_SPEC: [string, Partial<Record<Tier, number>>][] = [
  ['k8s.io/klog/v2', { vendor: 0.08, staging: 0.3, root: 0.35, app: 0.8 }],
  ['k8s.io/utils', { vendor: 0.03, staging: 0.1, root: 0.15 }],
  ['k8s.io/apimachinery/pkg/apis/meta/v1', { staging: 0.45, root: 0.5, app: 0.5 }],
  ['k8s.io/apimachinery/pkg/runtime', { staging: 0.3, root: 0.3 }],
  ['k8s.io/apimachinery/pkg/util/sets', { staging: 0.2, root: 0.25 }],
  ['k8s.io/api/core/v1', { staging: 0.25, root: 0.4, app: 0.5 }],
  ['k8s.io/client-go/kubernetes', { staging: 0.05, root: 0.1, app: 0.6 }],
  ['k8s.io/component-base/featuregate', { staging: 0.05, root: 0.12, app: 0.7 }],
];

function planHubs(b: TreeBuilder): Plan['hubs'] {
  const byPath = new Map(b.pkgs.map((p) => [p.importPath, p.idx]));
  const hubs: Plan['hubs'] = [];
  for (const [ip, p] of HUB_SPEC) {
    const idx = byPath.get(ip);
    if (idx !== undefined) hubs.push({ idx, p: { vendor: 0, staging: 0, root: 0, app: 0, main: 0, ...p } });
  }
  return hubs;
}

/** What wiring imports needs: the units of each layer and how to pick below a package. */
interface Wiring {
  rng: Rand;
  b: TreeBuilder;
  apps: (Pkg | undefined)[];
  vendorUnits: Unit[];
  stagingUnits: Unit[];
  areaUnits: Unit[];
  sharedUnits: Unit[];
  featureUnits: Unit[];
}

/** A package of a unit chosen by popularity (its first packages are its core). */
const fromUnit = (w: Wiring, u: Unit): number => u.pkgs[w.rng.zipf(u.pkgs.length, 1)];

/** A unit strictly below `limitOrder` in the list, popular ones (listed first) more likely. */
function lowerUnit(w: Wiring, units: Unit[], limitOrder: number): Unit | undefined {
  let n = 0;
  while (n < units.length && units[n].order < limitOrder) n++;
  return n === 0 ? undefined : units[w.rng.zipf(n, 0.8)];
}

function sameUnitLower(w: Wiring, p: Pkg): number | undefined {
  const mine = w.b.units[p.unit].pkgs;
  const at = mine.indexOf(p.idx);
  return at === 0 ? undefined : mine[w.rng.int(0, at - 1)];
}

function fromLower(w: Wiring, units: Unit[], p: Pkg): number | undefined {
  const u = lowerUnit(w, units, p.unit);
  return u ? fromUnit(w, u) : undefined;
}

function vendorDeps(w: Wiring, p: Pkg, add: (d: number | undefined) => void): void {
  for (let i = w.rng.int(0, 3); i > 0; i--) {
    if (w.rng.chance(0.6)) add(sameUnitLower(w, p));
    else add(fromLower(w, w.vendorUnits, p));
  }
}

function stagingDeps(w: Wiring, p: Pkg, add: (d: number | undefined) => void): void {
  for (let i = w.rng.int(1, 5); i > 0; i--) {
    const r = w.rng.float();
    if (r < 0.5) add(sameUnitLower(w, p));
    else if (r < 0.8) add(fromLower(w, w.stagingUnits, p));
    else add(fromUnit(w, lowerUnit(w, w.vendorUnits, p.unit)!));
  }
}

function rootDeps(w: Wiring, p: Pkg, add: (d: number | undefined) => void): void {
  const feature = w.b.units[p.unit].kind === 'feature';
  for (let i = w.rng.int(2, feature ? 7 : 6); i > 0; i--) {
    const r = w.rng.float();
    if (r < 0.5) add(sameUnitLower(w, p));
    else if (r < 0.7) add(fromLower(w, w.sharedUnits, p));
    else if (r < 0.9) add(fromUnit(w, lowerUnit(w, w.stagingUnits, p.unit)!));
    else if (r < 0.96 || !feature) add(fromUnit(w, lowerUnit(w, w.vendorUnits, p.unit)!));
    else add(fromLower(w, w.featureUnits, p));
  }
}

/** Each app drives one to three feature areas through their top packages. */
function appDeps(w: Wiring, p: Pkg, add: (d: number | undefined) => void): void {
  const areas = w.featureUnits.length > 0 ? w.featureUnits : w.sharedUnits;
  const appNo = w.apps.findIndex((a) => a?.idx === p.idx);
  const mine = [areas[appNo % areas.length]];
  for (let i = w.rng.int(0, 2); i > 0; i--) mine.push(w.rng.pick(areas));
  for (const u of mine) {
    add(u.pkgs[u.pkgs.length - 1]);
    if (u.pkgs.length > 2 && w.rng.chance(0.5)) add(u.pkgs[w.rng.int(0, u.pkgs.length - 2)]);
  }
  for (let i = w.rng.int(1, 3); i > 0; i--) add(fromUnit(w, w.rng.pick(w.stagingUnits)));
}

function mainDeps(w: Wiring, p: Pkg, add: (d: number | undefined) => void): void {
  const app = w.apps[w.b.units[p.unit].pkgs.indexOf(p.idx)];
  if (app) {
    add(app.idx);
    return;
  }
  // Small tools import a package or two directly.
  const u = w.rng.pick(w.areaUnits);
  add(u.pkgs[u.pkgs.length - 1]);
  add(fromUnit(w, w.rng.pick(w.sharedUnits)));
}

const DEPS_OF_TIER: Record<Tier, (w: Wiring, p: Pkg, add: (d: number | undefined) => void) => void> = {
  vendor: vendorDeps,
  staging: stagingDeps,
  root: rootDeps,
  app: appDeps,
  main: mainDeps,
};

/** Every package's imports: hubs first, then its tier's pattern; only ever a package planned before it. */
function wireImports(w: Wiring, hubs: Plan['hubs']): void {
  for (const p of w.b.pkgs) {
    const deps = new Set<number>();
    const add = (d: number | undefined) => {
      if (d !== undefined && d < p.idx) deps.add(d);
    };
    for (const h of hubs) if (h.idx < p.idx && w.rng.chance(h.p[p.tier])) add(h.idx);
    DEPS_OF_TIER[p.tier](w, p, add);
    p.deps = [...deps].sort((x, y) => x - y);
  }
}

/** Staging go.mod files list the other staging modules they import. */
function stagingRequires(b: TreeBuilder, stagingUnits: Unit[], staging: Plan['staging']): void {
  const stagingOfUnit = new Map(stagingUnits.map((u, i) => [u.order, i]));
  for (const p of b.pkgs) {
    const si = stagingOfUnit.get(p.unit);
    if (si === undefined) continue;
    for (const d of p.deps) {
      const du = b.pkgs[d].unit;
      if (du !== p.unit) staging[si].deps.add(b.units[du].name);
    }
  }
}

function plan(opts: TreeOptions): Plan {
  const rng = new Rand(opts.seed);
  const b = new TreeBuilder(rng);
  const sizes = layerSizes(opts);
  const vendorModules = planVendor(rng, b, opts, sizes.vendorTotal);
  const staging = planStaging(rng, b, opts, sizes.stagingTotal);
  const { areaUnits, sharedCount } = planAreas(rng, b, opts.filesPerPackage, sizes.rootTotal);
  const { apps, binaries } = planBinaries(rng, b, opts, sizes.appCount);
  const hubs = planHubs(b);
  const stagingUnits = b.units.filter((u) => u.kind === 'staging');
  const w: Wiring = {
    rng,
    b,
    apps,
    vendorUnits: b.units.filter((u) => u.kind === 'vendor'),
    stagingUnits,
    areaUnits,
    sharedUnits: areaUnits.slice(0, sharedCount),
    featureUnits: areaUnits.slice(sharedCount),
  };
  wireImports(w, hubs);
  stagingRequires(b, stagingUnits, staging);
  return { builder: b, vendorModules, staging, binaries, hubs };
}

// ---------------------------------------------------------------- writing

function h1(s: string): string {
  return `h1:${createHash('sha256').update(s).digest('base64')}`;
}

interface ImportRef {
  alias: string;
  path: string;
  explicitAlias: boolean;
}

function importBlock(std: string[], deps: ImportRef[]): string {
  const lines: string[] = [];
  for (const s of std) lines.push(`\t"${s}"`);
  if (std.length > 0 && deps.length > 0) lines.push('');
  for (const d of [...deps].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    lines.push(d.explicitAlias ? `\t${d.alias} "${d.path}"` : `\t"${d.path}"`);
  }
  return `import (\n${lines.join('\n')}\n)\n`;
}

/** The imports of one file, aliased as Kubernetes code aliases them (core/v1 as corev1), never clashing. */
function fileImports(deps: number[], pkgs: Pkg[]): ImportRef[] {
  const used = new Set<string>();
  const refs: ImportRef[] = [];
  for (const d of deps) {
    const dep = pkgs[d];
    const segs = dep.importPath.split('/');
    let alias = /^v[0-9]/.test(dep.name) && segs.length > 1 ? goIdent(segs[segs.length - 2]) + dep.name : dep.name;
    let explicitAlias = alias !== dep.name;
    if (used.has(alias) || RESERVED_IMPORT_NAMES.has(alias) || dep.importPath.split('/').pop() !== dep.name) {
      explicitAlias = true;
      if (used.has(alias) || RESERVED_IMPORT_NAMES.has(alias)) alias = `${alias}${refs.length}`;
    }
    used.add(alias);
    refs.push({ alias, path: dep.importPath, explicitAlias });
  }
  return refs;
}

/** File k of a library package: a type, its constructor calling every import, and (file 0) the package's entry points. */
function librarySource(p: Pkg, k: number, refs: ImportRef[]): string {
  const noun = `${NOUNS[(p.idx + k) % NOUNS.length]}${k}`;
  const calls = refs.map((r) => ` + ${r.alias}.Touch(${k})`).join('');
  let src = '';
  if (k === 0) src += `// Package ${p.name} is generated for build benchmarks.\n`;
  src += `package ${p.name}\n\n${importBlock(['fmt', 'strings'], refs)}\n`;
  if (k === 0) {
    src +=
      `// Symbol names the package for its importers.\nconst Symbol = "${p.importPath}"\n\n` +
      `// Touch is what importers call, so their imports are used.\nfunc Touch(n int) int { return n + ${p.idx % 97} }\n\n`;
  }
  src +=
    `// ${noun} is one of the package's types.\ntype ${noun} struct {\n\tName  string\n\tCount int\n}\n\n` +
    `// New${noun} returns a ${noun}.\nfunc New${noun}(name string) *${noun} {\n` +
    `\treturn &${noun}{Name: strings.TrimSpace(name), Count: Touch(${k})${calls}}\n}\n\n` +
    `// String prints the value.\nfunc (o *${noun}) String() string { return fmt.Sprintf("%s=%d", o.Name, o.Count) }\n`;
  for (const r of refs.slice(0, 1)) src += `\nvar _ = ${r.alias}.Symbol\n`;
  return src;
}

/** An internal test of the first type and, for the second, an external test of Symbol. */
function testSources(p: Pkg, firstFile: string, tests: number, out: Map<string, string>): void {
  const firstType = `${NOUNS[p.idx % NOUNS.length]}0`;
  if (tests >= 1) {
    out.set(
      `${firstFile.replace(/\.go$/, '')}_test.go`,
      `package ${p.name}\n\nimport "testing"\n\nfunc Test${firstType}String(t *testing.T) {\n` +
        `\tif got := New${firstType}(" x ").String(); got == "" {\n\t\tt.Fatal("empty")\n\t}\n}\n`,
    );
  }
  if (tests >= 2) {
    out.set(
      'example_test.go',
      `package ${p.name}_test\n\nimport (\n\t"testing"\n\n\tsubject "${p.importPath}"\n)\n\n` +
        `func TestSymbol(t *testing.T) {\n\tif subject.Symbol == "" {\n\t\tt.Fatal("no symbol")\n\t}\n}\n`,
    );
  }
}

function libraryFiles(rng: Rand, p: Pkg, pkgs: Pkg[]): Map<string, string> {
  const out = new Map<string, string>();
  const total = p.files;
  let tests = 0;
  if (total >= 2 && rng.chance(0.35)) tests = total >= 4 && rng.chance(0.3) ? 2 : 1;
  const n = total - tests;
  const names = rng.shuffle(FILE_NAMES.slice());
  const fileName = (k: number) => (k < names.length ? names[k] : `file${k}.go`);
  // doc.go-like first file carries the package's exported entry points.
  const perFile: number[][] = Array.from({ length: n }, () => []);
  for (const d of p.deps) perFile[rng.int(0, n - 1)].push(d);
  for (let k = 0; k < n; k++) out.set(fileName(k), librarySource(p, k, fileImports(perFile[k], pkgs)));
  testSources(p, fileName(0), tests, out);
  return out;
}

function mainFile(p: Pkg, pkgs: Pkg[], binName: string): string {
  const refs: ImportRef[] = p.deps.map((d, j) => ({ alias: `dep${j}`, path: pkgs[d].importPath, explicitAlias: true }));
  const calls = refs.map((r) => ` + ${r.alias}.Touch(len(os.Args))`).join('');
  return (
    `// Command ${binName} is generated for build benchmarks.\npackage main\n\n${importBlock(['fmt', 'os'], refs)}\n` +
    `func main() {\n\tcode := 0${calls}\n\tfmt.Println("${binName}", code, len(os.Args))\n}\n`
  );
}

function writeFile(root: string, rel: string, text: string): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** Writes the tree into `dir` (which must be empty or absent) and describes it. */
export function generateTree(dir: string, opts: TreeOptions): TreeSummary {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  const { builder, vendorModules, staging, binaries } = plan(opts);
  const pkgs = builder.pkgs;
  const counts = writeSources(dir, new Rand(opts.seed ^ 0x5bd1e995), pkgs, binaries);
  // Vendored modules: a LICENSE each, as go mod vendor copies it.
  for (const v of vendorModules) writeFile(dir, `vendor/${v.path}/LICENSE`, `Synthetic license for ${v.path}.\n`);
  for (const st of staging) writeStagingModule(dir, st);
  writeRootModule(dir, pkgs, vendorModules, staging);
  return summarize(dir, pkgs, binaries, vendorModules.length, staging.map((st) => st.name), counts.goFiles, counts.testFiles);
}

function writeSources(dir: string, rng: Rand, pkgs: Pkg[], binaries: Plan['binaries']): { goFiles: number; testFiles: number } {
  let goFiles = 0;
  let testFiles = 0;
  for (const p of pkgs) {
    if (p.tier === 'main') continue;
    for (const [name, text] of libraryFiles(rng, p, pkgs)) {
      writeFile(dir, `${p.dir}/${name}`, text);
      goFiles++;
      if (name.endsWith('_test.go')) testFiles++;
    }
  }
  for (const bin of binaries) {
    writeFile(dir, `cmd/${bin.name}/main.go`, mainFile(pkgs[bin.main], pkgs, bin.name));
    goFiles++;
  }
  return { goFiles, testFiles };
}

/** A staging module: its own go.mod, replace directives among the staging modules, a vendor symlink to it. */
function writeStagingModule(dir: string, st: Plan['staging'][number]): void {
  const deps = [...st.deps].sort();
  const req = deps.length ? `require (\n${deps.map((d) => `\t${d} v0.0.0`).join('\n')}\n)\n\n` : '';
  const rep = deps.length
    ? `replace (\n${deps.map((d) => `\t${d} => ../${d.slice('k8s.io/'.length)}`).join('\n')}\n)\n`
    : '';
  writeFile(dir, `staging/src/k8s.io/${st.name}/go.mod`, `module k8s.io/${st.name}\n\ngo ${GO_VERSION}\n\n${req}${rep}`);
  const link = path.join(dir, 'vendor', 'k8s.io', st.name);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(`../../staging/src/k8s.io/${st.name}`, link, 'dir');
}

/** Root go.mod, go.sum and vendor/modules.txt. */
function writeRootModule(dir: string, pkgs: Pkg[], vendorModules: Plan['vendorModules'], staging: Plan['staging']): void {
  const direct = vendorModules.filter((v) => !v.indirect);
  const indirect = vendorModules.filter((v) => v.indirect);
  const stagingPaths = staging.map((st) => `k8s.io/${st.name}`);
  const requireDirect = [...direct.map((v) => `\t${v.path} ${v.version}`), ...stagingPaths.map((p) => `\t${p} v0.0.0`)].sort();
  const goMod =
    `// This is a generated file. Do not edit directly.\n\nmodule ${ROOT_MODULE}\n\ngo ${GO_VERSION}\n\n` +
    `require (\n${requireDirect.join('\n')}\n)\n\n` +
    (indirect.length ? `require (\n${indirect.map((v) => `\t${v.path} ${v.version} // indirect`).sort().join('\n')}\n)\n\n` : '') +
    `replace (\n${stagingPaths.map((p) => `\t${p} => ./staging/src/${p}`).join('\n')}\n)\n`;
  writeFile(dir, 'go.mod', goMod);
  writeFile(
    dir,
    'go.sum',
    vendorModules
      .flatMap((v) => [`${v.path} ${v.version} ${h1(v.path + v.version)}`, `${v.path} ${v.version}/go.mod ${h1(v.path + v.version + 'mod')}`])
      .sort()
      .join('\n') + '\n',
  );
  const entries: { path: string; text: string }[] = [];
  for (const v of vendorModules) {
    const list = v.pkgs.map((i) => pkgs[i].importPath).sort();
    entries.push({ path: v.path, text: `# ${v.path} ${v.version}\n## explicit; go ${GO_VERSION}\n${list.join('\n')}\n` });
  }
  for (const st of staging) {
    const p = `k8s.io/${st.name}`;
    const list = st.pkgs.map((i) => pkgs[i].importPath).sort();
    entries.push({ path: p, text: `# ${p} v0.0.0 => ./staging/src/${p}\n## explicit; go ${GO_VERSION}\n${list.join('\n')}\n` });
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const modulesTxt = entries.map((e) => e.text).join('') + stagingPaths.map((p) => `# ${p} => ./staging/src/${p}\n`).join('');
  writeFile(dir, 'vendor/modules.txt', modulesTxt);
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function summarize(
  dir: string,
  pkgs: Pkg[],
  binaries: { name: string; main: number }[],
  vendoredModules: number,
  stagingModules: string[],
  goFiles: number,
  testFiles: number,
): TreeSummary {
  const fanIn = new Array<number>(pkgs.length).fill(0);
  let edges = 0;
  for (const p of pkgs) {
    for (const d of p.deps) fanIn[d]++;
    edges += p.deps.length;
  }
  // Binaries reaching each package: walk each binary's closure.
  const reach = new Array<number>(pkgs.length).fill(0);
  for (const bin of binaries) {
    const seen = new Set<number>([bin.main]);
    const stack = [bin.main];
    while (stack.length) for (const d of pkgs[stack.pop()!].deps) if (!seen.has(d)) seen.add(d), stack.push(d);
    for (const i of seen) reach[i]++;
  }
  const libs = pkgs.filter((p) => p.tier !== 'main');
  const rootPkgs = pkgs.filter((p) => p.tier === 'root' && reach[p.idx] > 0);
  const few = rootPkgs.filter((p) => reach[p.idx] <= 2).sort((a, b) => reach[a.idx] - reach[b.idx] || a.idx - b.idx);
  const many = [...rootPkgs].sort((a, b) => reach[b.idx] - reach[a.idx] || a.idx - b.idx);
  const firstFile = (p: Pkg | undefined): string => {
    if (!p) return '';
    const f = fs.readdirSync(path.join(dir, p.dir)).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
    return `${p.dir}/${f[0]}`;
  };
  const fewPick = few[Math.floor(few.length / 2)];
  const tenth = Math.max(1, Math.round(binaries.length / 10));
  const tenthPick = [...rootPkgs].sort((a, b) => Math.abs(reach[a.idx] - tenth) - Math.abs(reach[b.idx] - tenth) || a.idx - b.idx)[0];
  return {
    dir,
    modulePath: ROOT_MODULE,
    packages: pkgs.length,
    goFiles,
    testFiles,
    binaries: binaries.map((b) => b.name),
    vendoredModules,
    stagingModules,
    importEdges: edges,
    topFanIn: libs
      .map((p) => ({ importPath: p.importPath, importers: fanIn[p.idx] }))
      .sort((a, b) => b.importers - a.importers)
      .slice(0, 5),
    medianFanIn: median(libs.map((p) => fanIn[p.idx])),
    maxBinaryReach: Math.max(...libs.map((p) => reach[p.idx])),
    medianBinaryReach: median(libs.map((p) => reach[p.idx])),
    fewBinariesFile: firstFile(fewPick),
    fewBinariesCount: fewPick ? reach[fewPick.idx] : 0,
    manyBinariesFile: firstFile(many[0]),
    manyBinariesCount: many[0] ? reach[many[0].idx] : 0,
    tenthBinariesFile: firstFile(tenthPick),
    tenthBinariesCount: tenthPick ? reach[tenthPick.idx] : 0,
  };
}

// `node dist/bench/generate-tree.js <dir> [tiny|k8s] [--seed N]`
if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && !(a in PRESETS));
  const preset = (args.find((a) => a in PRESETS) as PresetName | undefined) ?? 'tiny';
  const seedAt = args.indexOf('--seed');
  if (!dir) {
    console.error('usage: generate-tree <dir> [tiny|k8s] [--seed N]');
    process.exit(2);
  }
  const opts = { ...PRESETS[preset], ...(seedAt >= 0 ? { seed: Number(args[seedAt + 1]) } : {}) };
  console.log(JSON.stringify(generateTree(path.resolve(dir), opts), null, 2));
}
