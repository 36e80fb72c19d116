import { checkGenerate } from './generate';

describe('the generate option', () => {
  it('takes argv or a string split on spaces, and normalized module-relative dirs', () => {
    expect(checkGenerate({ command: 'go  run ./hack/gen', outputs: ['./pkg/generated/', 'pkg/generated', 'api/zz'] })).toEqual({
      command: ['go', 'run', './hack/gen'],
      outputs: ['pkg/generated', 'api/zz'],
    });
    expect(checkGenerate({ command: ['go', 'run', './hack/gen', 'a b'], outputs: ['x'] }).command).toEqual(['go', 'run', './hack/gen', 'a b']);
  });

  const EX = 'e.g. {"command": ["go", "run", "./hack/gen"], "outputs": ["pkg/generated"]}.';
  it.each([
    [{ command: '', outputs: ['x'] }, `generate.command is "": give the generator's argv (no shell runs in the kube-build image), ${EX}`],
    [{ command: [], outputs: ['x'] }, `generate.command is []: give the generator's argv (no shell runs in the kube-build image), ${EX}`],
    [{ command: 'go', outputs: [] }, `generate.outputs is []: list the module-relative dirs the generator writes, ${EX}`],
    [{ command: 'go', outputs: ['../pkg'] }, 'generate.outputs entry "../pkg" is outside the module: list dirs inside it, relative to it, e.g. "pkg/generated".'],
    [{ command: 'go', outputs: ['/tmp/x'] }, 'generate.outputs entry "/tmp/x" is outside the module: list dirs inside it, relative to it, e.g. "pkg/generated".'],
    [{ command: 'go', outputs: ['pkg/../..'] }, 'generate.outputs entry "pkg/../.." is outside the module: list dirs inside it, relative to it, e.g. "pkg/generated".'],
    [
      { command: 'go', outputs: ['.'] },
      'generate.outputs entry "." is the whole module, which would leave no source read-only: list the dirs the generator writes, e.g. "pkg/generated".',
    ],
    [
      { command: 'go', outputs: ['_output/gen'] },
      'generate.outputs entry "_output/gen" is under _output/, where builds write: list source dirs the build reads, e.g. "pkg/generated".',
    ],
  ])('%j fails: %s', (g, message) => {
    expect(() => checkGenerate(g as never)).toThrow(message);
  });
});
