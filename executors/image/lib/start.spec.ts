import * as path from 'path';
import { startImage } from './start';
import { VERSION } from './steps.spec-helpers';

describe('startImage', () => {
  const options = { moduleRoot: 'mod', binaryName: 'kube-proxy', platform: 'linux/arm64' };

  it('resolves the paths under the workspace and names the image from the version', async () => {
    const start = await startImage(options, 'kube-proxy', '/ws', { env: { KUBE_DOCKER_REGISTRY: 'gcr.io/k8s-staging' }, readVersionInfo: async () => VERSION });
    expect({ ...start, s: undefined }).toEqual({
      s: undefined,
      version: VERSION,
      name: {
        registry: 'gcr.io/k8s-staging',
        repo: 'gcr.io/k8s-staging/kube-proxy-arm64',
        tag: 'v1.31.0-alpha.0.6_84c76d1142ea4d',
        ref: 'gcr.io/k8s-staging/kube-proxy-arm64:v1.31.0-alpha.0.6_84c76d1142ea4d',
      },
      binary: path.join('/ws', 'mod/_output/dockerized/bin/linux/arm64/kube-proxy'),
      archive: path.join('/ws', 'mod/_output/release-images/arm64/kube-proxy.tar'),
      tagFile: path.join('/ws', 'mod/_output/release-images/arm64/kube-proxy.docker_tag'),
    });
    expect(start.s.configuration).toBe('linux-arm64');
  });

  it('refuses to name an image without a version', async () => {
    const read = async () => ({ epoch: 0, buildDate: '1970-01-01T00:00:00Z' });
    await expect(startImage(options, 'kube-proxy', '/ws', { env: {}, readVersionInfo: read })).rejects.toThrow(
      new Error('Cannot tell the image version of /ws: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).'),
    );
  });

  it('keeps every path inside the workspace', async () => {
    await expect(
      startImage({ ...options, archivePath: '../out.tar' }, 'kube-proxy', '/ws', { env: {}, readVersionInfo: async () => VERSION }),
    ).rejects.toThrow(/archivePath/);
  });
});
