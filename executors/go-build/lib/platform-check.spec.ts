import { parsePlatform } from '../../../plugin/platforms';
import { PlatformChoice, checkPlatformChoice } from './platform-check';

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
  ])('rejects %s with %j', (platform, over, message) => {
    expect(() => checkPlatformChoice(choice(platform, over))).toThrow(message);
  });
});
