import { runReleaseBuilds } from './builds';
import type { PlannedBuild } from './plan';

const builds: PlannedBuild[] = [
  { platform: { os: 'linux', arch: 'amd64' }, configuration: 'linux-amd64', projects: ['kubectl', 'kubelet'] },
  { platform: { os: 'windows', arch: 'amd64' }, configuration: 'windows-amd64', projects: ['kubectl'] },
  { platform: { os: 'darwin', arch: 'arm64' }, configuration: 'darwin-arm64', projects: ['kubectl'] },
];

describe('runReleaseBuilds', () => {
  it('runs one nested build per platform in plan order', async () => {
    const calls: string[][] = [];
    await runReleaseBuilds({ target: 'build', builds, parallel: 4 }, async (args) => {
      calls.push(args);
      return 0;
    });
    expect(calls).toEqual([
      ['run-many', '--targets=build', '--projects=kubectl,kubelet', '--configuration=linux-amd64', '--parallel=4'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=windows-amd64', '--parallel=4'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=darwin-arm64', '--parallel=4'],
    ]);
  });

  it('stops at the first platform that fails', async () => {
    const calls: string[][] = [];
    const run = async (args: string[]) => {
      calls.push(args);
      return args.includes('--configuration=windows-amd64') ? 2 : 0;
    };
    await expect(runReleaseBuilds({ target: 'build', builds }, run)).rejects.toThrow(
      new Error(
        'Building for windows/amd64 failed (nx run-many --targets=build --projects=kubectl --configuration=windows-amd64 exited with 2); fix the build and release again.',
      ),
    );
    expect(calls).toHaveLength(2);
  });
});
