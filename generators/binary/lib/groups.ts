import { DEFAULT_GROUP_PLATFORMS } from '../../../plugin/groups';
import { KubeBuildPluginOptions } from '../../../plugin/options';

/**
 * Options with `name` added to `group` (created when missing). A group
 * without golang.sh defaults needs platforms.
 */
export function withGroupMember(
  options: KubeBuildPluginOptions,
  group: string,
  name: string,
  platforms: string[] | undefined,
): KubeBuildPluginOptions {
  const groups = { ...(options.groups ?? {}) };
  const current = groups[group];
  if (!current && !platforms && !DEFAULT_GROUP_PLATFORMS[group]) {
    throw new Error(
      `Group "${group}" is not in nx.json and has no default platforms (${Object.keys(DEFAULT_GROUP_PLATFORMS).join(', ')} have): pass --platforms, e.g. --platforms=linux/amd64,linux/arm64.`,
    );
  }
  if (current && platforms) {
    const have = current.platforms ?? [...(DEFAULT_GROUP_PLATFORMS[group] ?? [])];
    if (have.join(',') !== platforms.join(',')) {
      throw new Error(
        `Group "${group}" already ships for ${have.join(', ')}: leave out --platforms, or change the group's platforms in nx.json.`,
      );
    }
  }
  const targets = current?.targets ?? [];
  groups[group] = {
    ...(current ?? (platforms ? { platforms } : {})),
    targets: targets.includes(name) ? targets : [...targets, name],
  };
  return { ...options, groups };
}
