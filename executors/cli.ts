#!/usr/bin/env node
/**
 * The `nx-kube-build` command. `clean` needs the Docker Engine, which only
 * executors/ may reach, so the command lives here; `why` and `verify` read the
 * Go tree alone and stay in plugin/cli.ts.
 */
import { findWorkspaceRoot, main as pluginMain, runCli } from '../plugin/cli';
import { reapOrphans, reapedLine } from './shared/cleanup/orphans';
import { connect } from './shared/engine/docker';
import { readVersionInfo } from './shared/module/git-version';
import { formatVersionFile } from '../plugin/vocabulary/version-file';
import * as fs from 'fs';
import * as path from 'path';

/** Removes what killed runs of this workspace left on the engine (DOCKER_HOST) and beside their outputs. */
export async function clean(root: string, log: (line: string) => void = console.log): Promise<number> {
  const engine = connect();
  await engine.ping();
  const line = reapedLine(await reapOrphans(engine, root));
  log(line ?? `Nothing left behind by killed runs of ${root} (containers on ${engine.url}, partial binaries).`);
  return 0;
}

/** Writes the checkout's version facts as KUBE_GIT_VERSION_FILE (kube::version::save_version_vars), or prints them. */
export async function version(root: string, args: string[], log: (line: string) => void = console.log): Promise<number> {
  const at = args.indexOf('--file');
  const file = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--file='))?.slice('--file='.length);
  if (at >= 0 && !file) throw new Error('version --file needs a path: nx-kube-build version --file _output/version');
  const { KUBE_GIT_VERSION_FILE: _ignored, ...env } = process.env;
  const v = await readVersionInfo(root, env);
  const text = formatVersionFile({
    KUBE_GIT_COMMIT: v.gitCommit,
    KUBE_GIT_TREE_STATE: v.gitTreeState,
    KUBE_GIT_VERSION: v.gitVersion,
    KUBE_GIT_MAJOR: v.gitMajor,
    KUBE_GIT_MINOR: v.gitMinor,
  });
  if (!file) {
    process.stdout.write(text);
    return 0;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
  log(`Wrote ${file}: KUBE_GIT_VERSION=${v.gitVersion ?? ''}; builds read it with KUBE_GIT_VERSION_FILE=${file}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'clean') return clean(findWorkspaceRoot(process.cwd()));
  if (argv[0] === 'version') return version(findWorkspaceRoot(process.cwd()), argv.slice(1));
  return pluginMain(argv);
}

if (require.main === module) runCli(main);
