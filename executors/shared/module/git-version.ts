/** Reads the git facts of a checkout; what they stamp is plugin/vocabulary/version.ts's to say. */
import execa from 'execa';
import * as fs from 'fs';
import * as path from 'path';
import { computeVersionInfo, GitFacts, VersionInfo } from '../../../plugin/vocabulary/version';
import { parseVersionFile } from '../../../plugin/vocabulary/version-file';

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
  const file = env.KUBE_GIT_VERSION_FILE;
  if (!file) return computeVersionInfo(await readGitFacts(workspaceRoot), env, opts);
  // As version.sh: the file's facts, and nothing from git but the commit time the build date falls back to.
  const at = path.resolve(workspaceRoot, file);
  if (!fs.existsSync(at)) {
    throw new Error(`KUBE_GIT_VERSION_FILE=${file} does not exist (looked at ${at}): write it with nx-kube-build version --file ${file}, or unset it.`);
  }
  const facts = await readGitFacts(workspaceRoot);
  const fromFile = parseVersionFile(fs.readFileSync(at, 'utf8'), file);
  return computeVersionInfo({ commitTime: facts.commitTime, status: '' }, { ...env, ...fromFile }, opts);
}

