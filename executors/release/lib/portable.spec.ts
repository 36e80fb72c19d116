import { moduleDir, names } from './layout.spec-helpers';
import { portableEntries, portableTarballName } from './portable';

describe('the test-portable tarball (package_test_tarballs)', () => {
  it('holds test/images and the KUBE_TEST_PORTABLE paths the repo has, at their own paths', async () => {
    const m = moduleDir({
      'test/images/image-util.sh': '#!/bin/sh\n',
      'test/e2e/testing-manifests/pod.yaml': 'kind: Pod\n',
      'test/e2e/e2e.go': 'package e2e\n',
      'hack/lib/init.sh': '#!/bin/sh\n',
      'hack/ginkgo-e2e.sh': '#!/bin/sh\n',
      'hack/verify-all.sh': '#!/bin/sh\n',
    });
    try {
      expect(names(await portableEntries(m.dir, 'k'))).toEqual([
        'directory k/hack/lib',
        'directory k/test/e2e/testing-manifests',
        'directory k/test/images',
        'file k/hack/ginkgo-e2e.sh',
        'file k/hack/lib/init.sh',
        'file k/test/e2e/testing-manifests/pod.yaml',
        'file k/test/images/image-util.sh',
      ]);
      expect(portableTarballName('k')).toBe('k-test-portable.tar.gz');
    } finally {
      m.cleanup();
    }
  });

  it('is empty for a repo with none of them', async () => {
    const m = moduleDir({ 'main.go': 'package main\n' });
    try {
      expect(await portableEntries(m.dir, 'k')).toEqual([]);
    } finally {
      m.cleanup();
    }
  });
});
