import { NxJsonConfiguration, Tree, readNxJson, updateNxJson } from '@nx/devkit';
import { KubeBuildPluginOptions } from '../../plugin/options';

export const PLUGIN_NAME = 'nx-kube-build';

type PluginEntry = NonNullable<NxJsonConfiguration['plugins']>[number];
export type ObjectEntry = Exclude<PluginEntry, string> & { options?: KubeBuildPluginOptions };

const isOurs = (p: PluginEntry): boolean => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME;

/** The registered entry's options, or undefined when the plugin is not in nx.json. */
export function readPluginOptions(tree: Tree): KubeBuildPluginOptions | undefined {
  const entry = readNxJson(tree)?.plugins?.find(isOurs);
  if (entry === undefined) return undefined;
  return typeof entry === 'string' ? {} : ((entry.options as KubeBuildPluginOptions | undefined) ?? {});
}

/**
 * Rewrites the plugin's entry (the first one when several) through `edit`,
 * adding one when absent; nx.json is written only when something changed.
 */
export function updatePluginEntry(tree: Tree, edit: (entry: ObjectEntry | undefined) => ObjectEntry): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = [...(nxJson.plugins ?? [])];
  const at = plugins.findIndex(isOurs);
  const current = at < 0 ? undefined : plugins[at];
  const before = current === undefined ? undefined : typeof current === 'string' ? { plugin: PLUGIN_NAME } : current;
  const after = edit(before === undefined ? undefined : structuredClone(before) as ObjectEntry);
  if (current !== undefined && JSON.stringify(after) === JSON.stringify(current)) return;
  if (at < 0) plugins.push(after);
  else plugins[at] = after;
  updateNxJson(tree, { ...nxJson, plugins });
}
