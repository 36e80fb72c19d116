import { DEFAULT_REGISTRY, dockerTag, imageName, imageRepo, imageTag, registryHost, resolveRegistry } from './naming';

describe('dockerTag', () => {
  it.each([
    ['v1.31.0', 'v1.31.0'],
    ['v1.31.0-alpha.0.6+84c76d1142ea4d', 'v1.31.0-alpha.0.6_84c76d1142ea4d'],
    ['v1.2.3-6+84c76d1142ea4d-dirty', 'v1.2.3-6_84c76d1142ea4d-dirty'],
    ['v0.0.0-master+69b5b0c95880ff', 'v0.0.0-master_69b5b0c95880ff'],
  ])('%s → %s', (version, tag) => {
    expect(dockerTag(version)).toBe(tag);
  });

  it('rejects a version no docker tag can carry', () => {
    expect(() => dockerTag('v1.0.0/evil')).toThrow(
      new Error(
        'The version "v1.0.0/evil" cannot be a docker tag (v1.0.0/evil): use letters, digits, ".", "_" and "-", at most 128; set KUBE_GIT_VERSION to such a version.',
      ),
    );
  });
});

describe('resolveRegistry', () => {
  it('takes the option, else KUBE_DOCKER_REGISTRY, else registry.k8s.io', () => {
    expect(resolveRegistry('127.0.0.1:5000', { KUBE_DOCKER_REGISTRY: 'gcr.io/k8s-staging' })).toBe('127.0.0.1:5000');
    expect(resolveRegistry(undefined, { KUBE_DOCKER_REGISTRY: 'gcr.io/k8s-staging' })).toBe('gcr.io/k8s-staging');
    expect(resolveRegistry('', { KUBE_DOCKER_REGISTRY: ' ' })).toBe(DEFAULT_REGISTRY);
    expect(resolveRegistry(undefined, {})).toBe('registry.k8s.io');
    expect(resolveRegistry('localhost:5000/', {})).toBe('localhost:5000');
  });

  it.each([
    ['option', 'Registry.Example.com/Upper', {}, 'The registry option "Registry.Example.com/Upper"'],
    ['env', undefined, { KUBE_DOCKER_REGISTRY: 'https://gcr.io' }, 'KUBE_DOCKER_REGISTRY "https://gcr.io"'],
  ])('rejects a malformed registry from the %s, naming where it came from', (_, option, env, start) => {
    expect(() => resolveRegistry(option, env)).toThrow(
      new Error(
        `${start} is not an image registry: write host[:port][/path] in lower case, e.g. registry.k8s.io or 127.0.0.1:5000/k8s.`,
      ),
    );
  });

  it('gives the host of a registry with a path', () => {
    expect(registryHost('gcr.io/k8s-staging/images')).toBe('gcr.io');
    expect(registryHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});

describe('imageName', () => {
  it('names the image <registry>/<binary>-<arch>:<version with + as _>, as release.sh does', () => {
    expect(imageName('registry.k8s.io', 'kube-proxy', 'arm64', 'v1.31.0-alpha.0.6+84c76d1142ea4d')).toEqual({
      registry: 'registry.k8s.io',
      repo: 'registry.k8s.io/kube-proxy-arm64',
      tag: 'v1.31.0-alpha.0.6_84c76d1142ea4d',
      ref: 'registry.k8s.io/kube-proxy-arm64:v1.31.0-alpha.0.6_84c76d1142ea4d',
    });
  });

  it('uses KUBE_DOCKER_REGISTRY through resolveRegistry', () => {
    const registry = resolveRegistry(undefined, { KUBE_DOCKER_REGISTRY: '127.0.0.1:5000/k8s' });
    expect(imageName(registry, 'kubectl', 'amd64', 'v1.30.0').ref).toBe('127.0.0.1:5000/k8s/kubectl-amd64:v1.30.0');
  });

  it('rejects a binary name no repository can carry', () => {
    expect(() => imageRepo('registry.k8s.io', 'Kube_Proxy', 'amd64')).toThrow(
      new Error(
        '"Kube_Proxy-amd64" cannot name an image repository: use lower-case letters, digits, ".", "_" and "-"; rename the binary with the plugin option "names".',
      ),
    );
  });
});

describe('imageTag', () => {
  it('is KUBE_DOCKER_IMAGE_TAG when set, as release.sh tags the release image, else the version with + as _', () => {
    expect(imageTag('v1.31.0+abc', {})).toBe('v1.31.0_abc');
    expect(imageTag('v1.31.0+abc', { KUBE_DOCKER_IMAGE_TAG: 'ci-1234' })).toBe('ci-1234');
    expect(imageName('registry.k8s.io', 'kube-proxy', 'amd64', 'v1.31.0', { KUBE_DOCKER_IMAGE_TAG: 'latest' }).ref).toBe('registry.k8s.io/kube-proxy-amd64:latest');
  });
  it('refuses a KUBE_DOCKER_IMAGE_TAG that is no docker tag, naming it', () => {
    expect(() => imageTag('v1', { KUBE_DOCKER_IMAGE_TAG: 'a:b' })).toThrow('KUBE_DOCKER_IMAGE_TAG "a:b" is not a docker tag');
  });
});
