import { canonicalJson, imageConfig, JsonObject, platformVariant } from './config';

const input = {
  binary: 'kube-proxy',
  platform: { os: 'linux', arch: 'amd64' },
  created: '2024-05-01T12:00:00Z',
  gitVersion: 'v1.31.0-alpha.0',
  gitCommit: '69b5b0c95880ffb2a73823f86c0b81ae4d0b9526',
  layerDiffId: 'sha256:' + 'a'.repeat(64),
};

describe('imageConfig', () => {
  it('runs the binary from /usr/local/bin, with platform, version labels, one layer and its history', () => {
    expect(imageConfig(input)).toEqual({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Entrypoint: ['/usr/local/bin/kube-proxy'],
        Labels: {
          'org.opencontainers.image.version': 'v1.31.0-alpha.0',
          'org.opencontainers.image.revision': '69b5b0c95880ffb2a73823f86c0b81ae4d0b9526',
        },
      },
      created: '2024-05-01T12:00:00Z',
      history: [{ created: '2024-05-01T12:00:00Z', created_by: 'COPY kube-proxy /usr/local/bin/kube-proxy' }],
      rootfs: { type: 'layers', diff_ids: ['sha256:' + 'a'.repeat(64)] },
    });
  });

  it('sets variant v7 for arm only, and leaves the revision label out without a commit', () => {
    const arm = imageConfig({ ...input, platform: { os: 'linux', arch: 'arm' }, gitCommit: undefined });
    expect(arm).toMatchObject({ architecture: 'arm', os: 'linux', variant: 'v7' });
    expect((arm.config as JsonObject).Labels).toEqual({ 'org.opencontainers.image.version': 'v1.31.0-alpha.0' });
    expect(platformVariant({ os: 'linux', arch: 'arm64' })).toBeUndefined();
    expect(imageConfig({ ...input, platform: { os: 'linux', arch: 's390x' } })).not.toHaveProperty('variant');
  });

  it('stacks on a base: keeps its env, labels, layers and history, replaces its entrypoint and drops its command', () => {
    const base: JsonObject = {
      architecture: 'amd64',
      os: 'linux',
      config: {
        Env: ['PATH=/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
        Entrypoint: ['/bin/sh'],
        Cmd: ['-c', 'true'],
        User: '65532',
        Labels: { maintainer: 'base', 'org.opencontainers.image.version': 'base-1' },
      },
      container_config: { Cmd: ['ignored'] },
      history: [{ created: '2020-01-01T00:00:00Z', created_by: 'base layer' }],
      rootfs: { type: 'layers', diff_ids: ['sha256:' + 'b'.repeat(64)] },
    };
    const c = imageConfig({ ...input, base });
    expect(c.config).toEqual({
      Env: ['PATH=/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
      Entrypoint: ['/usr/local/bin/kube-proxy'],
      User: '65532',
      Labels: {
        maintainer: 'base',
        'org.opencontainers.image.version': 'v1.31.0-alpha.0',
        'org.opencontainers.image.revision': '69b5b0c95880ffb2a73823f86c0b81ae4d0b9526',
      },
    });
    expect(c.rootfs).toEqual({ type: 'layers', diff_ids: ['sha256:' + 'b'.repeat(64), 'sha256:' + 'a'.repeat(64)] });
    expect(c.history).toEqual([
      { created: '2020-01-01T00:00:00Z', created_by: 'base layer' },
      { created: '2024-05-01T12:00:00Z', created_by: 'COPY kube-proxy /usr/local/bin/kube-proxy' },
    ]);
    expect(c).not.toHaveProperty('container_config');
    expect((base.config as JsonObject).Cmd).toEqual(['-c', 'true']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace, whatever the insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"y":"x","z":null}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});
