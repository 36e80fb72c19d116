import { runReleaseImages } from './images';
import type { PlannedBuild } from './plan';

const builds: PlannedBuild[] = [
  { platform: { os: 'linux', arch: 'amd64' }, configuration: 'linux-amd64', projects: ['kube-apiserver', 'kubectl'] },
  { platform: { os: 'linux', arch: 'arm64' }, configuration: 'linux-arm64', projects: ['kube-apiserver'] },
];

describe('runReleaseImages', () => {
  it('runs the image target once per platform in plan order', async () => {
    const calls: string[][] = [];
    await runReleaseImages({ target: 'image', builds, parallel: 2 }, async (args) => {
      calls.push(args);
      return 0;
    });
    expect(calls).toEqual([
      ['run-many', '--targets=image', '--projects=kube-apiserver,kubectl', '--configuration=linux-amd64', '--parallel=2'],
      ['run-many', '--targets=image', '--projects=kube-apiserver', '--configuration=linux-arm64', '--parallel=2'],
    ]);
  });

  it('runs nothing without planned images, and stops at the first failing platform', async () => {
    const calls: string[][] = [];
    const run = async (args: string[]) => {
      calls.push(args);
      return 3;
    };
    await runReleaseImages({ target: 'image', builds: [] }, run);
    expect(calls).toEqual([]);
    await expect(runReleaseImages({ target: 'image', builds }, run)).rejects.toThrow(
      new Error(
        'Building the images for linux/amd64 failed (nx run-many --targets=image --projects=kube-apiserver,kubectl --configuration=linux-amd64 exited with 3); fix the image target and release again.',
      ),
    );
    expect(calls).toHaveLength(1);
  });
});
