import { formatVersionFile, parseVersionFile } from './version-file';

describe('KUBE_GIT_VERSION_FILE', () => {
  it('reads what kube::version::save_version_vars writes, and writes the same', () => {
    const text = "KUBE_GIT_COMMIT='0123abc'\nKUBE_GIT_TREE_STATE='clean'\nKUBE_GIT_VERSION='v1.31.2'\nKUBE_GIT_MAJOR='1'\nKUBE_GIT_MINOR='31'\n";
    const facts = parseVersionFile(text, 'v.env');
    expect(facts).toEqual({ KUBE_GIT_COMMIT: '0123abc', KUBE_GIT_TREE_STATE: 'clean', KUBE_GIT_VERSION: 'v1.31.2', KUBE_GIT_MAJOR: '1', KUBE_GIT_MINOR: '31' });
    expect(formatVersionFile(facts)).toBe(text);
  });

  it('takes double quotes, bare values, export, comments and blank lines', () => {
    expect(parseVersionFile('# made by CI\nexport KUBE_GIT_VERSION="v1.2.3"\n\nKUBE_GIT_COMMIT=abc\n', 'f')).toEqual({ KUBE_GIT_VERSION: 'v1.2.3', KUBE_GIT_COMMIT: 'abc' });
  });

  it('names the file, the line and the fix for anything else, with control characters shown', () => {
    expect(() => parseVersionFile("KUBE_GIT_VERSION='v1'\nGOFLAGS=-a\x1b[2J\n", 'out/version')).toThrow(
      /^out\/version:2: "GOFLAGS=-a\\x1b\[2J" is not a KUBE_GIT_VERSION_FILE line: write KUBE_GIT_COMMIT='…', .* \(nx-kube-build version --file out\/version writes it\)\.$/,
    );
  });
});
