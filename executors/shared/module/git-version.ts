/** Reads the git facts of a checkout; what they stamp is plugin/vocabulary/version.ts's to say. */
import execa from 'execa';
import { computeVersionInfo, GitFacts, VersionInfo } from '../../../plugin/vocabulary/version';

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const r = await execa('git', args, { cwd, reject: false, stdin: 'ignore' });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
  } catch {
    return undefined; // git not installed
  }
}

/** Reads the git facts of the checkout holding `dir`. */
export async function readGitFacts(dir: string): Promise<GitFacts> {
  const commit = await git(dir, ['rev-parse', 'HEAD^{commit}']);
  if (!commit) return {};
  const [describe, time, status] = await Promise.all([
    git(dir, ['describe', '--tags', '--match=v*', '--abbrev=14', `${commit}^{commit}`]),
    git(dir, ['log', '-1', '--format=%ct', commit]),
    git(dir, ['status', '--porcelain']),
  ]);
  return {
    commit,
    describe: describe || undefined,
    commitTime: time && /^[0-9]+$/.test(time) ? Number(time) : undefined,
    status,
  };
}

/**
 * Stamp values of the checkout at `workspaceRoot`. With `validate: false` a
 * non-semver tag is tolerated (callers that only need the build date).
 */
export async function readVersionInfo(
  workspaceRoot: string,
  env: NodeJS.ProcessEnv,
  opts: { validate?: boolean } = {},
): Promise<VersionInfo> {
  return computeVersionInfo(await readGitFacts(workspaceRoot), env, opts);
}

