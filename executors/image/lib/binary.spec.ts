import { buildBinary, nestedBuildEnv } from './binary';
import { resolveImageSettings } from './settings';

describe('buildBinary', () => {
  const s = resolveImageSettings({ moduleRoot: 'mod', binaryName: 'kube-proxy', platform: 'linux/arm64', buildTarget: 'compile' }, {}, 'kube-proxy');

  it('runs the build target of the project for the platform configuration, in the workspace', async () => {
    const runNx = jest.fn(async () => 0);
    await buildBinary({ s }, 'kube-proxy', '/ws', { runNx });
    expect(runNx.mock.calls).toEqual([['/ws', ['run-many', '--targets=compile', '--projects=kube-proxy', '--configuration=linux-arm64']]]);
  });

  it('fails naming the platform and the nested command', async () => {
    await expect(buildBinary({ s }, 'kube-proxy', '/ws', { runNx: async () => 2 })).rejects.toThrow(
      new Error(
        'Building kube-proxy for linux/arm64 failed (nx run-many --targets=compile --projects=kube-proxy --configuration=linux-arm64 exited with 2); fix the build and run the image target again.',
      ),
    );
  });

  it('stops when the signal fired during the build', async () => {
    const ac = new AbortController();
    const runNx = async () => (ac.abort(), 0);
    await expect(buildBinary({ s }, 'kube-proxy', '/ws', { runNx, signal: ac.signal })).rejects.toThrow('Building the kube-proxy image was interrupted.');
  });
});

describe('nestedBuildEnv', () => {
  it('keeps the nested build cached when the image task skips the cache', () => {
    expect(nestedBuildEnv({ NX_SKIP_NX_CACHE: 'true', NX_DISABLE_NX_CACHE: 'true', PATH: '/bin' })).toEqual({
      NX_DISABLE_NX_CACHE: 'true',
      PATH: '/bin',
    });
  });
});
