import { runReleaseTests } from './tests';

describe('runReleaseTests', () => {
  it('runs the test target of every test project in one nested run', async () => {
    const calls: string[][] = [];
    const ran = await runReleaseTests({ target: 'test', projects: ['a', 'b'], parallel: 2 }, async (args) => {
      calls.push(args);
      return 0;
    });
    expect(ran).toBe(true);
    expect(calls).toEqual([['run-many', '--targets=test', '--projects=a,b', '--parallel=2']]);
  });

  it('runs nothing without test projects, rather than every project', async () => {
    const run = jest.fn(async () => 0);
    await expect(runReleaseTests({ target: 'test', projects: [] }, run)).resolves.toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('fails with the command and its exit code', async () => {
    await expect(runReleaseTests({ target: 'unit', projects: ['a'] }, async () => 1)).rejects.toThrow(
      new Error('Tests failed (nx run-many --targets=unit --projects=a exited with 1); fix them, or set KUBE_RELEASE_RUN_TESTS=n to release without them.'),
    );
  });
});
