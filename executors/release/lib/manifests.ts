/**
 * `<name>-manifests.tar.gz` as kube::release::package_kube_manifests_tarball
 * packs it: the control-plane manifests of cluster/gce/manifests, the gci
 * node scripts and every addon manifest, all under `<name>/gci-trusty/`.
 * Only what exists is taken, so a repo without cluster/gce gets none.
 */
import * as path from 'path';
import type { TarEntry } from '../../shared/archive/tar';
import { walkTree } from './source';
import { copyEntries } from './tree';

/** The files release.sh copies from cluster/gce/manifests by name. */
export const GCE_MANIFESTS: readonly string[] = [
  'kube-proxy.manifest',
  'cluster-autoscaler.manifest',
  'etcd.manifest',
  'kube-scheduler.manifest',
  'kube-apiserver.manifest',
  'konnectivity-server.yaml',
  'abac-authz-policy.jsonl',
  'cloud-controller-manager.manifest',
  'kube-controller-manager.manifest',
  'kube-addon-manager.yaml',
  'glbc.manifest',
];

/** cluster/gce/gci scripts and the names release.sh gives them. */
export const GCI_SCRIPTS: readonly [string, string][] = [
  ['configure-helper.sh', 'gci-configure-helper.sh'],
  ['configure-kubeapiserver.sh', 'configure-kubeapiserver.sh'],
  ['gke-internal-configure-helper.sh', 'gke-internal-configure-helper.sh'],
  ['health-monitor.sh', 'health-monitor.sh'],
];

/** Merged in this order, the GCE-specific ones over the general ones. */
export const ADDON_DIRS: readonly string[] = ['cluster/addons', 'cluster/gce/addons'];

/** Why a module gets no manifests tarball. */
export const NO_MANIFESTS =
  'the module has none of cluster/gce/manifests, cluster/gce/gci or addon manifests in cluster/addons (package_kube_manifests_tarball).';

/** release.sh's find: `*.yaml`, `*.yaml.in` and `*.json`, never a `*demo*` one. */
export function isAddonManifest(name: string): boolean {
  return /\.(yaml|yaml\.in|json)$/.test(name) && !name.includes('demo');
}

/** The manifests tarball's entries, `<name>/gci-trusty/...`; empty when the repo has none of its sources. */
export async function manifestEntries(moduleDir: string, name: string): Promise<TarEntry[]> {
  const dst = `${name}/gci-trusty`;
  const byName = new Map<string, TarEntry>();
  const put = (list: TarEntry[]) => list.forEach((e) => byName.set(e.name, e));
  const manifests = 'cluster/gce/manifests';
  for (const f of GCE_MANIFESTS) put(await copyEntries(moduleDir, `${manifests}/${f}`, `${dst}/${f}`));
  const { entries: all } = await walkTree(path.join(moduleDir, manifests), manifests).catch(() => ({ entries: [] as TarEntry[] }));
  for (const e of all) {
    const base = path.posix.basename(e.name);
    if (e.type === 'file' && base.startsWith('internal-')) put([{ ...e, name: `${dst}/${base}` }]);
  }
  for (const [src, as] of GCI_SCRIPTS) put(await copyEntries(moduleDir, `cluster/gce/gci/${src}`, `${dst}/${as}`));
  for (const d of ADDON_DIRS) {
    const tree = await copyEntries(moduleDir, d, dst);
    put(tree.filter((e) => e.type !== 'directory' && isAddonManifest(path.posix.basename(e.name))));
  }
  return [...byName.values()];
}
