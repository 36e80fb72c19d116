import { GroupConfig } from '../../../plugin/groups';
import { FoundMain } from '../../shared/binaries';

export const KUBERNETES_MODULE = 'k8s.io/kubernetes';

/** kube::golang::build_binaries' gotags. */
export const KUBERNETES_TAGS = ['selinux', 'notest'];

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
 * Test binaries built with `go test -c` (e2e.test) and vendored tools
 * (ginkgo) are not main packages of the repo, so they are not listed.
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
  test: [
    'cmd/gendocs',
    'cmd/genkubedocs',
    'cmd/genman',
    'cmd/genyaml',
    'cmd/genswaggertypedocs',
    'test/conformance/image/go-runner',
    'cmd/prune-junit-xml',
  ],
  'test-server': ['cmd/kubemark'],
};

export interface KubernetesGroups {
  groups: Record<string, GroupConfig>;
  /** Members outside the binaries globs: the plugin only builds them when listed. */
  extraBinaries: string[];
}

/**
 * Group membership for the members present in the tree: binaries the globs
 * find by name (as golang.sh's lists read), others by dir.
 */
export function kubernetesGroups(mains: FoundMain[]): KubernetesGroups {
  const byDir = new Map(mains.map((m) => [m.moduleRelDir, m]));
  const groups: Record<string, GroupConfig> = {};
  const extra = new Set<string>();
  for (const [group, dirs] of Object.entries(KUBERNETES_GROUP_TARGETS)) {
    const targets: string[] = [];
    for (const dir of dirs) {
      const m = byDir.get(dir);
      if (!m) continue;
      if (m.via === 'glob') {
        targets.push(m.name);
      } else {
        targets.push(dir);
        if (m.via === 'none') extra.add(dir);
      }
    }
    groups[group] = { targets };
  }
  return { groups, extraBinaries: [...extra] };
}
