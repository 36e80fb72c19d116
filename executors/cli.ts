#!/usr/bin/env node
/**
 * The `nx-kube-build` command. `clean` needs the Docker Engine, which only
 * executors/ may reach, so the command lives here; `why` and `verify` read the
 * Go tree alone and stay in plugin/cli.ts.
 */
import { findWorkspaceRoot, main as pluginMain, runCli } from '../plugin/cli';
import { reapOrphans, reapedLine } from './shared/cleanup/orphans';
import { connect } from './shared/engine/docker';

/** Removes what killed runs of this workspace left on the engine (DOCKER_HOST) and beside their outputs. */
export async function clean(root: string, log: (line: string) => void = console.log): Promise<number> {
  const engine = connect();
  await engine.ping();
  const line = reapedLine(await reapOrphans(engine, root));
  log(line ?? `Nothing left behind by killed runs of ${root} (containers on ${engine.url}, partial binaries).`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'clean') return clean(findWorkspaceRoot(process.cwd()));
  return pluginMain(argv);
}

if (require.main === module) runCli(main);
