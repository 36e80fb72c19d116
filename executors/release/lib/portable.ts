/**
 * `<name>-test-portable.tar.gz` as kube::release::package_test_tarballs packs
 * it: test/images and hack/lib/golang.sh's KUBE_TEST_PORTABLE paths, those
 * the repo has, each at its own path under `<name>/`.
 */
import type { TarEntry } from '../../shared/archive/tar';
import { copyEntries } from './tree';

/** `cp -fR test/images` then KUBE_TEST_PORTABLE, in golang.sh's order. */
export const TEST_PORTABLE: readonly string[] = [
  'test/images',
  'test/e2e/testing-manifests',
  'test/kubemark',
  'hack/e2e-internal',
  'hack/get-build.sh',
  'hack/ginkgo-e2e.sh',
  'hack/lib',
];

/** Why a module gets no test-portable tarball. */
export const NO_PORTABLE =
  'the module has none of test/images, test/e2e/testing-manifests, test/kubemark, hack/lib or the hack/ e2e scripts (KUBE_TEST_PORTABLE).';

export async function portableEntries(moduleDir: string, name: string): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for (const rel of TEST_PORTABLE) out.push(...(await copyEntries(moduleDir, rel, `${name}/${rel}`)));
  return out;
}

export function portableTarballName(name: string): string {
  return `${name}-test-portable.tar.gz`;
}
