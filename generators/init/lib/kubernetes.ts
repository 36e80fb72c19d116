import { GroupConfig } from '../../../plugin/groups';
import { FoundMain } from '../../shared/binaries';

export const KUBERNETES_MODULE = 'k8s.io/kubernetes';

/** kube::golang::build_binaries' gotags. */
export const KUBERNETES_TAGS = ['selinux', 'notest'];

/** Where Kubernetes vendors the ginkgo CLI that golang.sh's `ginkgo` target builds. */
export const KUBERNETES_GINKGO = 'vendor/github.com/onsi/ginkgo/v2/ginkgo';

/** hack/lib/golang.sh's KUBE_STATIC_BINARIES: built with CGO_ENABLED=0, every other binary with cgo. */
export const KUBERNETES_STATIC_BINARIES = [
  'apiextensions-apiserver',
  'kube-aggregator',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'kube-log-runner',
  'kubeadm',
  'kubectl',
  'kubectl-convert',
  'kubemark',
  'mounter',
];

/**
 * build/common.sh's image bases: go-runner for the statically linked image binaries,
 * distroless-iptables for kube-proxy (KUBE_PROXY_BASE_IMAGE), at its default tags.
 */
export const KUBERNETES_BASE_IMAGES: Readonly<Record<string, string>> = {
  'kube-proxy': 'registry.k8s.io/build-image/distroless-iptables:v0.8.6',
  '*': 'registry.k8s.io/build-image/go-runner:v2.4.0-go1.25.5-bookworm.0',
};

/** The KUBE_STATIC_BINARIES the tree has, by the names the plugin gives them. */
export function kubernetesStaticBinaries(mains: FoundMain[]): string[] {
  const names = new Set(mains.map((m) => m.name));
  return KUBERNETES_STATIC_BINARIES.filter((n) => names.has(n));
}

/**
 * KUBE_SERVER_TARGETS and friends from hack/lib/golang.sh, module-relative.
 * A `<dir>/<name>.test` entry is a `go test -c` build of the test package
 * at dir (testBinaries); `ginkgo` is the vendored CLI (extraBinaries).
 */
export const KUBERNETES_GROUP_TARGETS: Readonly<Record<string, readonly string[]>> = {
  server: [
    'cmd/kube-proxy',
    'cmd/kube-apiserver',
    'cmd/kube-controller-manager',
    'cmd/kubelet',
    'cmd/kubeadm',
    'cmd/kube-scheduler',
    'staging/src/k8s.io/component-base/logs/kube-log-runner',
    'staging/src/k8s.io/kube-aggregator',
    'staging/src/k8s.io/apiextensions-apiserver',
    'cluster/gce/gci/mounter',
  ],
  node: ['cmd/kube-proxy', 'cmd/kubeadm', 'cmd/kubelet', 'staging/src/k8s.io/component-base/logs/kube-log-runner'],
  client: ['cmd/kubectl', 'cmd/kubectl-convert'],
  // KUBE_TEST_TARGETS, and KUBE_TEST_SERVER_TARGETS (e2e_node.test is added on a linux host there; its platforms are linux).
  test: [KUBERNETES_GINKGO, 'test/e2e/e2e.test', 'test/conformance/image/go-runner'],
  'test-server': ['cmd/kubemark', KUBERNETES_GINKGO, 'test/e2e_node/e2e_node.test'],
};

export interface KubernetesGroups {
  groups: Record<string, GroupConfig>;
  /** Members outside the binaries globs: the plugin only builds them when listed. */
  extraBinaries: string[];
  /** Test packages the groups list as `<dir>/<name>.test`, built with go test -c. */
  testBinaries: string[];
}

/** What the preset asks of the tree, module-relative dirs. */
export interface KubernetesProbe {
  /** The dir holds _test.go files. */
  hasTests: (dir: string) => boolean;
  /** The dir holds a main package (a vendored one: scans leave vendor/ out). */
  isMain: (dir: string) => boolean;
}

/** One entry of a golang.sh list, if the tree has it: the group target to write, and the option that makes it a binary. */
function memberOf(entry: string, byDir: Map<string, FoundMain>, probe: KubernetesProbe): { target: string; extra?: string; test?: string } | undefined {
  if (entry.endsWith('.test')) {
    const dir = entry.slice(0, entry.lastIndexOf('/'));
    return probe.hasTests(dir) ? { target: entry.slice(dir.length + 1), test: dir } : undefined;
  }
  if (entry.startsWith('vendor/')) return probe.isMain(entry) ? { target: entry, extra: entry } : undefined;
  const m = byDir.get(entry);
  if (!m) return undefined;
  if (m.via === 'glob') return { target: m.name };
  return m.via === 'none' ? { target: entry, extra: entry } : { target: entry };
}

/**
 * Group membership for the members present in the tree: binaries the globs
 * find by name (as golang.sh's lists read), test binaries by their
 * `<name>.test`, others by dir.
 */
export function kubernetesGroups(mains: FoundMain[], probe: KubernetesProbe): KubernetesGroups {
  const byDir = new Map(mains.map((m) => [m.moduleRelDir, m]));
  const groups: Record<string, GroupConfig> = {};
  const extra = new Set<string>();
  const tests = new Set<string>();
  for (const [group, entries] of Object.entries(KUBERNETES_GROUP_TARGETS)) {
    const targets: string[] = [];
    for (const entry of entries) {
      const m = memberOf(entry, byDir, probe);
      if (!m) continue;
      targets.push(m.target);
      if (m.extra) extra.add(m.extra);
      if (m.test) tests.add(m.test);
    }
    groups[group] = { targets };
  }
  return { groups, extraBinaries: [...extra], testBinaries: [...tests] };
}
