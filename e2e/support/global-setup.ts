import { nxOk } from './nx';
import { REPO_ROOT } from './paths';

/**
 * Builds the kube-build image once per e2e run: every temporary copy of the
 * sample has the same image definition, so its tag is shared.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  nxOk(REPO_ROOT, ['run', 'kubernetes:build-image']);
  process.stdout.write(`\n[e2e] kube-build image ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
