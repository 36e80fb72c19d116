import { goVersionAtLeast, toolchainVerdict } from './go-version';

describe('goVersionAtLeast', () => {
  it.each([
    ['go1.19.8', '1.19', true],
    ['go1.19.8', '1.19.9', false],
    ['go1.21.0', '1.21', true],
    ['go1.20.14', '1.21', false],
    ['go1.22rc1', '1.22', true],
    ['go2.0.0', '1.30', true],
  ])('%s ≥ %s: %s', (have, need, want) => {
    expect(goVersionAtLeast(have, need)).toBe(want);
  });
});

describe('toolchainVerdict', () => {
  const ways = (v: string) =>
    `install Go ${v} on the host and put it first on PATH (or point goroot at it), set image to a registry image such as golang:${v}, or set goTarball to go${v}.linux-amd64.tar.gz`;
  it.each<[string, string | undefined, { file: string; goVersion?: string; toolchain?: string } | undefined, { error?: string; warning?: string }]>([
    ['a go line the image meets', 'go1.19.8', { file: 'go.mod', goVersion: '1.19' }, {}],
    ['an unknown image Go', undefined, { file: 'go.mod', goVersion: '1.99' }, {}],
    ['no go.mod', 'go1.19.8', undefined, {}],
    [
      'a go line newer than the image',
      'go1.19.8',
      { file: 'svc/go.mod', goVersion: '1.99' },
      { error: `The kube-build image has Go 1.19.8 but svc/go.mod requires go 1.99 (nothing is downloaded: GOTOOLCHAIN=local): ${ways('1.99')}.` },
    ],
    [
      "a go.work's go line",
      'go1.22.0',
      { file: 'go.work', goVersion: '1.23.4', toolchain: 'go1.23.4' },
      { error: `The kube-build image has Go 1.22.0 but go.work requires go 1.23.4 (nothing is downloaded: GOTOOLCHAIN=local): ${ways('1.23.4')}.` },
    ],
    [
      'only the toolchain line newer',
      'go1.23.4',
      { file: 'go.mod', goVersion: '1.23', toolchain: 'go1.23.9' },
      {
        warning: `go.mod asks for toolchain go1.23.9 but the kube-build image has Go 1.23.4, so the build uses Go 1.23.4 (GOTOOLCHAIN=local: no toolchain is downloaded); to build with go1.23.9, ${ways('1.23.9')}.`,
      },
    ],
    ['a toolchain line the image meets', 'go1.23.9', { file: 'go.mod', goVersion: '1.23', toolchain: 'go1.23.9' }, {}],
    ['toolchain default', 'go1.19.8', { file: 'go.mod', goVersion: '1.19', toolchain: 'default' }, {}],
  ])('%s', (_name, image, lines, want) => {
    expect(toolchainVerdict(image, lines)).toEqual(want);
  });
});
