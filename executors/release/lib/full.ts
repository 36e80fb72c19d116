/**
 * `<name>.tar.gz` as kube::release::package_final_tarball packs it: the
 * platform-independent part of a release (cluster/ scripts, hack/lib they
 * source, docs, README, LICENSES, the manifests tarball and the version).
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { TarEntry, writeTarGz } from '../../shared/archive/tar';
import { workspacePath } from '../../shared/module/paths';
import type { ReleaseDeps } from './deps';
import { mainTarballName, SharedContent } from './package';
import type { ReleaseStart } from './start';
import { copyEntries } from './tree';

/** The notes release.sh leaves where the binaries used to be, both pointing at cluster/get-kube-binaries.sh. */
export const CLIENT_README =
  'Client binaries are no longer included in the Kubernetes final tarball.\n\nRun cluster/get-kube-binaries.sh to download client and server binaries.\n';
export const SERVER_README =
  'Server binary tarballs are no longer included in the Kubernetes final tarball.\n\nRun cluster/get-kube-binaries.sh to download client and server binaries.\n';

export interface FullInput {
  moduleDir: string;
  gitVersion: string;
  /** Absolute README to ship as README.md, when there is one. */
  readme?: string;
  /** Absolute path of the finished manifests tarball, when one was made. */
  manifests?: string;
}

/** Every entry of the full tarball, as release.sh stages `full/kubernetes`; the READMEs only where the script they name exists. */
export async function fullTarballEntries(input: FullInput, shared: SharedContent): Promise<TarEntry[]> {
  const { moduleDir } = input;
  const name = shared.name;
  const entries: TarEntry[] = [];
  if ((await fsp.stat(path.join(moduleDir, 'cluster/get-kube-binaries.sh')).catch(() => undefined))?.isFile()) {
    entries.push({ type: 'file', name: `${name}/client/README`, content: CLIENT_README }, { type: 'file', name: `${name}/server/README`, content: SERVER_README });
  }
  entries.push(...(await copyEntries(moduleDir, 'cluster', `${name}/cluster`)));
  if (input.manifests) {
    entries.push({ type: 'file', name: `${name}/server/${path.basename(input.manifests)}`, source: input.manifests, executable: false });
  }
  entries.push(...(await copyEntries(moduleDir, 'hack/lib', `${name}/hack/lib`)));
  entries.push(...(await copyEntries(moduleDir, 'docs', `${name}/docs`)));
  if (input.readme) entries.push({ type: 'file', name: `${name}/README.md`, source: input.readme, executable: false });
  entries.push(...shared.licenses);
  entries.push({ type: 'file', name: `${name}/version`, content: `${input.gitVersion}\n` });
  return entries;
}

/** The full tarball into `finished` (an error only when the readme option names a missing file); returns its file name. */
export async function packageFull(
  { s, moduleDir, version }: Pick<ReleaseStart, 's' | 'moduleDir' | 'version'>,
  workspaceRoot: string,
  finished: string,
  content: { shared: SharedContent; manifests?: string },
  deps: Pick<ReleaseDeps, 'log' | 'signal'>,
): Promise<string> {
  const readme = workspacePath(workspaceRoot, s.readme, 'readme');
  const hasReadme = (await fsp.stat(readme).catch(() => undefined))?.isFile() ?? false;
  if (!hasReadme && s.readmeExplicit) {
    throw new Error(`readme "${s.readme}" is not a file; point the option at the README to ship.`);
  }
  if (!hasReadme) deps.log.warn(`No ${s.readme}; ${mainTarballName(s.name)} holds no README.md.`);
  const input = { moduleDir, gitVersion: version.gitVersion, readme: hasReadme ? readme : undefined, manifests: content.manifests };
  const entries = await fullTarballEntries(input, content.shared);
  await writeTarGz(path.join(finished, mainTarballName(s.name)), entries, { mtime: version.epoch, signal: deps.signal });
  return mainTarballName(s.name);
}
