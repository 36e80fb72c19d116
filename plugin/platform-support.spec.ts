import { cleanupSpecs, gomod, loadSpec } from './load.spec-helpers';
import { goFile } from './go/temp-tree.spec-helpers';
import { checkRequestedConfiguration } from './pre-tasks';

afterAll(cleanupSpecs);

const main = (line: string, ...imports: string[]): string => `${line ? `${line}\n\n` : ''}${goFile('main', ...imports)}`;
const names = ['mac-helper', 'winpath', 'memfd-bind', 'runc', 'checkseccomp', 'everywhere'];
const groups = { client: { targets: names, platforms: ['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64'] } };

/** Shapes from podman (darwin- and windows-only helpers), runc (a linux-only package, a cgo-only one) and a tagged tool. */
const spec = {
  'go.mod': gomod('example.com/r', '1.19'),
  'cmd/mac-helper/main.go': main('//go:build darwin'),
  'cmd/winpath/main.go': main('//go:build windows'),
  'cmd/memfd-bind/main.go': main('', 'example.com/r/pkg/dmz'),
  'pkg/dmz/dmz_linux.go': goFile('dmz'),
  'cmd/runc/main.go': main('', 'example.com/r/pkg/nsenter', 'example.com/r/pkg/portable'),
  'pkg/nsenter/nsenter.go': '//go:build linux\n\npackage nsenter\n\n// void f(void) {}\nimport "C"\n',
  'pkg/portable/a_unix.go': '//go:build unix\n\npackage portable\n',
  'pkg/portable/a_windows.go': goFile('portable'),
  // Only the linux build compiles this file, so only it needs the linux-only package.
  'pkg/portable/extra_linux.go': goFile('portable', 'example.com/r/pkg/dmz'),
  'cmd/checkseccomp/main.go': main('//go:build seccomp'),
  'cmd/everywhere/main.go': main('', 'example.com/r/pkg/portable'),
};

describe('platforms a binary builds for, from its build constraints', () => {
  const s = loadSpec(spec, { groups });
  const targets = (dir: string) => s.projects[dir].targets ?? {};
  const configs = (dir: string) => Object.keys(targets(dir).build?.configurations ?? {});

  it('gives a binary one configuration per platform its whole closure has files for', () => {
    expect(configs('cmd/everywhere')).toEqual(['linux-amd64', 'linux-arm64', 'darwin-arm64', 'windows-amd64']);
    expect(configs('cmd/memfd-bind')).toEqual(['linux-amd64', 'linux-arm64']);
    expect(configs('cmd/mac-helper')).toEqual(['darwin-arm64']);
    expect(configs('cmd/winpath')).toEqual(['windows-amd64']);
  });

  it('says in metadata which platforms were dropped and which package excluded each', () => {
    const meta = targets('cmd/memfd-bind').build?.metadata as { platforms: { buildable: string[]; dropped: Record<string, string> } };
    expect(meta.platforms.buildable).toEqual(['linux/amd64', 'linux/arm64']);
    expect(Object.keys(meta.platforms.dropped)).toEqual(['darwin/arm64', 'windows/amd64']);
    expect(meta.platforms.dropped['darwin/arm64']).toBe(
      'build constraints exclude all Go files of example.com/r/pkg/dmz (imported by example.com/r/cmd/memfd-bind) on darwin/arm64: dmz_linux.go (file name)',
    );
  });

  it('cross builds only the buildable set', () => {
    expect(targets('cmd/memfd-bind').cross?.options.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(Object.keys(targets('cmd/memfd-bind').cross?.options.droppedPlatforms)).toEqual(['darwin/arm64', 'windows/amd64']);
  });

  it('leaves a binary whose code builds nowhere without build targets, naming cgo when cgo is the fix', () => {
    expect(targets('cmd/runc').build).toBeUndefined();
    expect(targets('cmd/runc').cross).toBeUndefined();
    const warning = s.model.warnings.find((w) => w.startsWith('runc '));
    expect(warning).toContain('build constraints exclude all Go files of example.com/r/pkg/nsenter (imported by example.com/r/cmd/runc) on linux/amd64: nsenter.go (//go:build (linux) && cgo)');
    expect(warning).toContain('it needs cgo: list the binary in the cgo option');
    expect(s.model.warnings.find((w) => w.startsWith('checkseccomp '))).toContain('set the tags its build needs');
  });

  it('ships each binary in the release on its own platforms only', () => {
    const release = s.projects['.'].targets?.release?.options.groups.client;
    expect(release.platforms).toEqual(['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64']);
    expect(release.binaries.find((b: { name: string }) => b.name === 'memfd-bind').platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(release.binaries.find((b: { name: string }) => b.name === 'everywhere').platforms).toBeUndefined();
    expect(release.binaries.map((b: { name: string }) => b.name)).not.toContain('runc');
  });

  it('names the package and its constraint when a dropped platform is asked for by name', () => {
    expect(() => checkRequestedConfiguration({ project: 'memfd-bind', target: 'build', configuration: 'darwin-arm64' }, targets('cmd/memfd-bind') as never)).toThrow(
      'Configuration "darwin-arm64" does not exist for memfd-bind:build: build constraints exclude all Go files of example.com/r/pkg/dmz',
    );
    const runc = s.projects['cmd/runc'];
    expect(() =>
      checkRequestedConfiguration({ project: 'runc', target: 'build', configuration: 'linux-amd64' }, runc.targets as never, (runc.metadata as { platforms: never }).platforms),
    ).toThrow('runc cannot build for linux-amd64: build constraints exclude all Go files of example.com/r/pkg/nsenter');
  });
});

describe('cgo and tags change what builds', () => {
  const s = loadSpec(spec, { groups, cgo: ['runc'], tags: { checkseccomp: ['seccomp'] } });
  const configs = (dir: string) => Object.keys(s.projects[dir].targets?.build?.configurations ?? {});

  it('builds a cgo package on the platforms its own constraint allows once cgo is on', () => {
    expect(configs('cmd/runc')).toEqual(['linux-amd64', 'linux-arm64']);
  });

  it('builds a tagged main once its tag is set', () => {
    expect(configs('cmd/checkseccomp')).toEqual(['linux-amd64', 'linux-arm64', 'darwin-arm64', 'windows-amd64']);
  });
});
