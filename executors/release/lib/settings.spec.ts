import { resolveSettings, runTestsFromEnv } from './settings';

describe('runTestsFromEnv', () => {
  it.each<[string | undefined, boolean, boolean]>([
    [undefined, true, true],
    ['', false, false],
    ['y', false, true],
    ['Y', false, true],
    ['yes', false, true],
    ['n', true, false],
    ['N', true, false],
    ['false', true, false],
  ])('KUBE_RELEASE_RUN_TESTS=%j with option %j runs tests: %j', (value, option, expected) => {
    expect(runTestsFromEnv(value, option)).toBe(expected);
  });

  it('rejects anything else', () => {
    expect(() => runTestsFromEnv('maybe', true)).toThrow(
      new Error('KUBE_RELEASE_RUN_TESTS must be y or n, got "maybe"; set it to y to run tests or n to skip them.'),
    );
  });
});

describe('resolveSettings', () => {
  it('fills the defaults', () => {
    expect(resolveSettings({ moduleRoot: 'workspace' }, {})).toEqual({
      name: 'kubernetes',
      moduleRoot: 'workspace',
      groups: {},
      runTests: true,
      testProjects: [],
      hostOnly: false,
      readme: 'workspace/README.md',
      readmeExplicit: false,
      buildTarget: 'build',
      testTarget: 'test',
      images: [],
      imageTarget: 'image',
      parallel: undefined,
    });
  });

  it('lets KUBE_RELEASE_RUN_TESTS override the option', () => {
    expect(resolveSettings({ moduleRoot: '', runTests: true }, { KUBE_RELEASE_RUN_TESTS: 'n' }).runTests).toBe(false);
    expect(resolveSettings({ moduleRoot: '', runTests: false }, { KUBE_RELEASE_RUN_TESTS: 'y' }).runTests).toBe(true);
  });

  it('normalises the module root', () => {
    expect(resolveSettings({ moduleRoot: './workspace/' }, {}).moduleRoot).toBe('workspace');
    expect(resolveSettings({ moduleRoot: '.' }, {}).readme).toBe('README.md');
    expect(resolveSettings({ moduleRoot: '.hidden' }, {}).moduleRoot).toBe('.hidden');
  });

  it.each([
    [{ moduleRoot: '../elsewhere' }, 'moduleRoot "../elsewhere" must be relative to the workspace root and inside it.'],
    [{ moduleRoot: '/abs' }, 'moduleRoot "/abs" must be relative to the workspace root and inside it.'],
    [{ moduleRoot: '', name: 'my/release' }, 'Release name "my/release" cannot prefix a tarball; use letters, digits, ".", "_" and "-" only.'],
  ])('rejects %j', (options, message) => {
    expect(() => resolveSettings(options, {})).toThrow(new Error(message));
  });
});
