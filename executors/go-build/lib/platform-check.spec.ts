import { parsePlatform } from '../../../plugin/platforms';
import { PlatformChoice, checkPlatformChoice, nothingToBuild } from './platform-check';

const configurations = {
  'linux-amd64': { platform: 'linux/amd64', outputPath: '_output/dockerized/bin/linux/amd64/kubelet' },
  'linux-arm64': { platform: 'linux/arm64', outputPath: '_output/dockerized/bin/linux/arm64/kubelet' },
};

describe('checkPlatformChoice', () => {
  const choice = (platform: string, over: Partial<PlatformChoice> = {}): PlatformChoice => ({
    platform: parsePlatform(platform),
    configurations,
    configurationName: 'linux-amd64',
    what: 'kubelet:build',
    ...over,
  });

  it.each<[string, Partial<PlatformChoice>]>([
    ['linux/amd64', {}],
    ['linux/arm64', { configurationName: 'linux-arm64' }],
    ['linux/arm64', { configurationName: undefined }],
    ['linux/amd64', { configurations: undefined, configurationName: undefined }],
    ['linux/amd64', { configurations: {}, configurationName: undefined }],
  ])('accepts %s with %j', (platform, over) => {
    expect(() => checkPlatformChoice(choice(platform, over))).not.toThrow();
  });

  it.each<[string, Partial<PlatformChoice>, string]>([
    [
      'darwin/arm64',
      {},
      'platform "darwin/arm64" is not a platform of kubelet:build: run one of its configurations linux-amd64, linux-arm64, or add the platform to one of its groups in nx.json.',
    ],
    [
      'linux/arm64',
      {},
      'platform "linux/arm64" does not match configuration linux-amd64 of kubelet:build: run kubelet:build:linux-arm64 instead of overriding --platform.',
    ],
    [
      'windows/amd64',
      { dropped: { 'windows/amd64': 'build constraints exclude all Go files of example.com/r/pkg/dmz on windows/amd64: dmz_linux.go (file name)' } },
      'kubelet:build cannot build for windows/amd64: build constraints exclude all Go files of example.com/r/pkg/dmz on windows/amd64: dmz_linux.go (file name).',
    ],
  ])('rejects %s with %j', (platform, over, message) => {
    expect(() => checkPlatformChoice(choice(platform, over))).toThrow(message);
  });
});

describe('nothingToBuild', () => {
  const host = parsePlatform('linux/amd64');
  const why = 'build constraints exclude all Go files of example.com/r/cmd/mac-helper on linux/amd64: main.go (//go:build darwin)';
  const target = {
    configurations: { 'darwin-arm64': { platform: 'darwin/arm64' } },
    metadata: { platforms: { buildable: ['darwin/arm64'], dropped: { 'linux/amd64': why } } },
  };

  it('explains a run Nx started with no configuration because the host platform is ruled out', () => {
    expect(nothingToBuild(undefined, undefined, target, host, 'mac-helper:build')).toBe(
      `mac-helper:build ran with no configuration: the one asked for is none of its platforms (darwin-arm64), so nothing is built. On the host platform linux/amd64: ${why}. Run mac-helper:build:darwin-arm64 to build it.`,
    );
  });

  it.each([
    ['a configuration', [undefined, 'darwin-arm64', target]],
    ['a --platform', ['darwin/arm64', undefined, target]],
    ['a default configuration', [undefined, undefined, { ...target, defaultConfiguration: 'darwin-arm64' }]],
    ['a host platform that builds', [undefined, undefined, { ...target, metadata: { platforms: { dropped: {} } } }]],
  ] as [string, [string | undefined, string | undefined, typeof target]][])('builds when there is %s', (_what, [platform, config, t]) => {
    expect(nothingToBuild(platform, config, t, host, 'mac-helper:build')).toBeUndefined();
  });
});
