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

describe('runReleaseBuilds through one nested task runner', () => {
  const runner = (statuses: Record<string, string>) => {
    const calls: { tasks: string[]; parallel?: number }[] = [];
    const run = async (tasks: { project: string; target: string; configuration: string }[], opts: { parallel?: number }) => {
      calls.push({ tasks: tasks.map((t) => `${t.project}:${t.target}:${t.configuration}`), parallel: opts.parallel });
      const results: Record<string, string> = {};
      for (const t of tasks) results[`${t.project}:${t.target}:${t.configuration}`] = statuses[`${t.project}:${t.configuration}`] ?? 'local-cache';
      return { exitCode: Object.values(results).includes('failure') ? 1 : 0, results };
    };
    return { calls, run };
  };
  const noRunMany = async () => {
    throw new Error('no run-many per platform when one runner takes every platform');
  };

  it('starts one run for every platform\'s builds, each a project:target:configuration task', async () => {
    const r = runner({});
    await runReleaseBuilds({ target: 'build', builds, parallel: 4 }, noRunMany, r.run);
    expect(r.calls).toEqual([
      {
        tasks: ['kubectl:build:linux-amd64', 'kubelet:build:linux-amd64', 'kubectl:build:windows-amd64', 'kubectl:build:darwin-arm64'],
        parallel: 4,
      },
    ]);
  });

  it('names every platform and task that failed', async () => {
    const r = runner({ 'kubectl:windows-amd64': 'failure', 'kubectl:darwin-arm64': 'skipped' });
    await expect(runReleaseBuilds({ target: 'build', builds }, noRunMany, r.run)).rejects.toThrow(
      new Error('Building for windows/amd64, darwin/arm64 failed (kubectl:build:windows-amd64, kubectl:build:darwin-arm64); fix the build and release again.'),
    );
  });

  it('fails when nx does, even with no task result (it stopped before running any)', async () => {
    await expect(runReleaseBuilds({ target: 'build', builds }, noRunMany, async () => ({ exitCode: 1, results: {} }))).rejects.toThrow(
      /^Building for linux\/amd64, windows\/amd64, darwin\/arm64 failed \(kubectl:build:linux-amd64, kubelet:build:linux-amd64, /,
    );
  });
});
