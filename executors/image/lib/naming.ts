/** Image names as build/lib/release.sh writes them: `<registry>/<binary>-<arch>:<gitVersion with + as _>`. Pure. */

export const DEFAULT_REGISTRY = 'registry.k8s.io';

const REGISTRY = /^(localhost|[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*)(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPO_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

/** The registry: the option, else KUBE_DOCKER_REGISTRY, else registry.k8s.io. */
export function resolveRegistry(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const fromOption = option?.trim();
  const fromEnv = env.KUBE_DOCKER_REGISTRY?.trim();
  const value = (fromOption || fromEnv || DEFAULT_REGISTRY).replace(/\/+$/, '');
  if (!REGISTRY.test(value)) {
    const source = fromOption ? 'The registry option' : fromEnv ? 'KUBE_DOCKER_REGISTRY' : 'The registry';
    throw new Error(
      `${source} "${value}" is not an image registry: write host[:port][/path] in lower case, e.g. registry.k8s.io or 127.0.0.1:5000/k8s.`,
    );
  }
  return value;
}

/** The registry host (and port) of a registry with a path: gcr.io/k8s-staging → gcr.io. */
export function registryHost(registry: string): string {
  return registry.split('/')[0];
}

/** The tag's version part: gitVersion with "+" as "_" (docker tags allow no "+"). */
export function dockerTag(gitVersion: string): string {
  const tag = gitVersion.replace(/\+/g, '_');
  if (!TAG.test(tag)) {
    throw new Error(
      `The version "${gitVersion}" cannot be a docker tag (${tag}): use letters, digits, ".", "_" and "-", at most 128; set KUBE_GIT_VERSION to such a version.`,
    );
  }
  return tag;
}

/** `<registry>/<binary>-<arch>`. */
export function imageRepo(registry: string, binary: string, arch: string): string {
  const name = `${binary}-${arch}`;
  if (!REPO_NAME.test(name)) {
    throw new Error(
      `"${name}" cannot name an image repository: use lower-case letters, digits, ".", "_" and "-"; rename the binary with the plugin option "names".`,
    );
  }
  return `${registry}/${name}`;
}

export interface ImageName {
  registry: string;
  repo: string;
  tag: string;
  /** `<repo>:<tag>`. */
  ref: string;
}

/** The tag: KUBE_DOCKER_IMAGE_TAG when set (release.sh's release_docker_image_tag), else from gitVersion. */
export function imageTag(gitVersion: string, env: NodeJS.ProcessEnv = {}): string {
  const set = env.KUBE_DOCKER_IMAGE_TAG?.trim();
  if (!set) return dockerTag(gitVersion);
  if (!TAG.test(set)) {
    throw new Error(`KUBE_DOCKER_IMAGE_TAG "${set}" is not a docker tag: use letters, digits, ".", "_" and "-", at most 128, not starting with "." or "-".`);
  }
  return set;
}

export function imageName(registry: string, binary: string, arch: string, gitVersion: string, env: NodeJS.ProcessEnv = {}): ImageName {
  const repo = imageRepo(registry, binary, arch);
  const tag = imageTag(gitVersion, env);
  return { registry, repo, tag, ref: `${repo}:${tag}` };
}
