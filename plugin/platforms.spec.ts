import { configurationName, exeSuffix, fastBuildPlatforms, hostPlatform, narrowPlatforms, parsePlatform, parsePlatformList, platformString } from './platforms';

describe('platforms', () => {
  it.each([
    ['linux/amd64', 'linux', 'amd64'],
    ['linux-arm64', 'linux', 'arm64'],
    [' windows/amd64 ', 'windows', 'amd64'],
    ['darwin/arm64', 'darwin', 'arm64'],
  ])('parses %s', (text, os, arch) => {
    expect(parsePlatform(text)).toEqual({ os, arch });
  });

  it.each(['linux/mips128', 'linux', 'amd64', 'Linux/AMD64', 'linux/amd64/v2', ''])('rejects %j naming the valid forms', (text) => {
    expect(() => parsePlatform(text)).toThrow(`"${text}" is not a Go platform: write it as <os>/<arch>, one of aix/ppc64,`);
  });

  it('names configurations and output dirs the Kubernetes way', () => {
    const p = parsePlatform('windows/amd64');
    expect(configurationName(p)).toBe('windows-amd64');
    expect(platformString(p)).toBe('windows/amd64');
    expect(exeSuffix(p)).toBe('.exe');
    expect(exeSuffix(parsePlatform('linux/amd64'))).toBe('');
  });

  it('maps Node names to Go names', () => {
    expect(hostPlatform('linux', 'x64')).toEqual({ os: 'linux', arch: 'amd64' });
    expect(hostPlatform('darwin', 'arm64')).toEqual({ os: 'darwin', arch: 'arm64' });
    expect(hostPlatform('win32', 'ia32')).toEqual({ os: 'windows', arch: '386' });
  });

  it('parses KUBE_BUILD_PLATFORMS lists, dropping repeats', () => {
    expect(parsePlatformList('linux/amd64  linux/arm64 linux/amd64').map(platformString)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  describe('narrowing as golang.sh does', () => {
    const server = parsePlatformList('linux/amd64 linux/arm64 linux/s390x linux/ppc64le');
    const host = { os: 'linux', arch: 'amd64' };
    it('keeps everything without env', () => {
      expect(narrowPlatforms(server, {}, host)).toEqual(server);
    });
    it('KUBE_FASTBUILD=true keeps linux on the host architecture', () => {
      expect(narrowPlatforms(server, { KUBE_FASTBUILD: 'true' }, host)).toEqual([host]);
    });
    it('KUBE_FASTBUILD=true on a darwin host builds linux/<arch> servers, and darwin too for clients, as golang.sh', () => {
      const mac = { os: 'darwin', arch: 'arm64' };
      const client = parsePlatformList('linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64');
      expect(narrowPlatforms(server, { KUBE_FASTBUILD: 'true' }, mac).map(platformString)).toEqual(['linux/arm64']);
      expect(narrowPlatforms(client, { KUBE_FASTBUILD: 'true' }, mac).map(platformString)).toEqual(['linux/arm64', 'darwin/amd64', 'darwin/arm64']);
    });
    it('KUBE_FASTBUILD=true on an architecture golang.sh does not list builds linux/amd64', () => {
      expect(fastBuildPlatforms({ os: 'linux', arch: 'riscv64' }).map(platformString)).toEqual(['linux/amd64']);
      expect(fastBuildPlatforms({ os: 'linux', arch: 's390x' }).map(platformString)).toEqual(['linux/s390x']);
    });
    it('KUBE_BUILD_PLATFORMS intersects', () => {
      expect(narrowPlatforms(server, { KUBE_BUILD_PLATFORMS: 'linux/arm64 windows/amd64' }, host).map(platformString)).toEqual([
        'linux/arm64',
      ]);
    });
    it('an empty intersection is an error listing what is supported', () => {
      expect(() => narrowPlatforms(server, { KUBE_BUILD_PLATFORMS: 'windows/amd64' }, host, 'kube-apiserver')).toThrow(
        'KUBE_BUILD_PLATFORMS="windows/amd64" leaves no platform for kube-apiserver: it supports linux/amd64, linux/arm64, linux/s390x, linux/ppc64le.',
      );
    });
    it('KUBE_BUILD_PLATFORMS wins over KUBE_FASTBUILD, as in golang.sh', () => {
      expect(narrowPlatforms(server, { KUBE_FASTBUILD: 'true', KUBE_BUILD_PLATFORMS: 'linux/s390x' }, host).map(platformString)).toEqual(['linux/s390x']);
    });
    it('a bad entry in KUBE_BUILD_PLATFORMS is reported, not dropped', () => {
      expect(() => narrowPlatforms(server, { KUBE_BUILD_PLATFORMS: 'linux/mips9' }, host)).toThrow('"linux/mips9" is not a Go platform');
    });
  });
});
