import { isAddonManifest, manifestEntries } from './manifests';
import { moduleDir, names } from './layout.spec-helpers';

describe('the manifests tarball (package_kube_manifests_tarball)', () => {
  it('takes the named gce manifests, internal-*, the gci scripts renamed, and the addon manifests, all in gci-trusty/', async () => {
    const m = moduleDir({
      'cluster/gce/manifests/kube-apiserver.manifest': '{}',
      'cluster/gce/manifests/glbc.manifest': '{}',
      'cluster/gce/manifests/unlisted.manifest': '{}',
      'cluster/gce/manifests/sub/internal-audit.yaml': 'a',
      'cluster/gce/gci/configure-helper.sh': '#!/bin/sh\n',
      'cluster/gce/gci/health-monitor.sh': '#!/bin/sh\n',
      'cluster/gce/gci/mounter.sh': '#!/bin/sh\n',
      'cluster/addons/dns/coredns.yaml.in': 'a',
      'cluster/addons/dns/README.md': 'a',
      'cluster/addons/dns/dns-demo.yaml': 'a',
      'cluster/addons/rbac/roles.json': 'a',
      'cluster/gce/addons/rbac/roles.json': 'gce',
    });
    try {
      const entries = await manifestEntries(m.dir, 'k');
      expect(names(entries)).toEqual([
        'file k/gci-trusty/dns/coredns.yaml.in',
        'file k/gci-trusty/gci-configure-helper.sh',
        'file k/gci-trusty/glbc.manifest',
        'file k/gci-trusty/health-monitor.sh',
        'file k/gci-trusty/internal-audit.yaml',
        'file k/gci-trusty/kube-apiserver.manifest',
        'file k/gci-trusty/rbac/roles.json',
      ]);
      // cluster/gce/addons is merged over cluster/addons, as release.sh's second tar x overwrites the first.
      const roles = entries.find((e) => e.name === 'k/gci-trusty/rbac/roles.json');
      expect(roles && 'source' in roles && roles.source.endsWith('cluster/gce/addons/rbac/roles.json')).toBe(true);
    } finally {
      m.cleanup();
    }
  });

  it('is empty for a repo without cluster/', async () => {
    const m = moduleDir({ 'go.mod': 'module x\n' });
    try {
      expect(await manifestEntries(m.dir, 'k')).toEqual([]);
    } finally {
      m.cleanup();
    }
  });

  it.each([
    ['a.yaml', true],
    ['a.yaml.in', true],
    ['a.json', true],
    ['a.jsonl', false],
    ['demo.yaml', false],
    ['a-demo-b.json', false],
    ['README.md', false],
  ])('addon file %s: %s', (name, yes) => expect(isAddonManifest(name)).toBe(yes));
});
