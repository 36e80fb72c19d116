import { cleanupSpecs, gomod, loadSpec } from './load.spec-helpers';
import { goFile } from './go/temp-tree.spec-helpers';
import { checkRequestedConfiguration } from './pre-tasks';
import { droppedReason } from './go/platform-support';

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

  it('keeps the platforms a binary builds for only with cgo, and says what to set', () => {
    expect(configs('cmd/runc')).toEqual(['linux-amd64', 'linux-arm64']);
    const meta = targets('cmd/runc').build?.metadata as { platforms: { needsCgo: Record<string, string>; dropped: Record<string, string> } };
    expect(Object.keys(meta.platforms.needsCgo)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(Object.keys(meta.platforms.dropped)).toEqual(['darwin/arm64', 'windows/amd64']);
    expect(s.model.warnings.find((w) => w.startsWith('runc '))).toBe(
      'runc builds for linux/amd64, linux/arm64 only with cgo (example.com/r/pkg/nsenter, imported by example.com/r/cmd/runc, needs it): add "runc" to the cgo option with the Debian packages of its C libraries in cgoPackages, set KUBE_CGO_OVERRIDES="runc" for one run, or set tags that leave the package out.',
    );
  });

  it('leaves a binary whose code builds nowhere without build targets, and names the package', () => {
    expect(targets('cmd/checkseccomp').build).toBeUndefined();
    expect(targets('cmd/checkseccomp').cross).toBeUndefined();
    const warning = s.model.warnings.find((w) => w.startsWith('checkseccomp '));
    expect(warning).toContain('so it has no build target: build constraints exclude all Go files of example.com/r/cmd/checkseccomp on linux/amd64: main.go (//go:build seccomp)');
    expect(warning).toContain('set the tags its build needs');
  });

  it('ships each binary in the release on its own platforms only', () => {
    const release = s.projects['.'].targets?.release?.options.groups.client;
    expect(release.platforms).toEqual(['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64']);
    expect(release.binaries.find((b: { name: string }) => b.name === 'memfd-bind').platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(release.binaries.find((b: { name: string }) => b.name === 'everywhere').platforms).toBeUndefined();
    expect(release.binaries.map((b: { name: string }) => b.name)).not.toContain('checkseccomp');
  });

  it('names the package and its constraint when a dropped platform is asked for by name', () => {
    expect(() => checkRequestedConfiguration({ project: 'memfd-bind', target: 'build', configuration: 'darwin-arm64' }, targets('cmd/memfd-bind') as never)).toThrow(
      'Configuration "darwin-arm64" does not exist for memfd-bind:build: build constraints exclude all Go files of example.com/r/pkg/dmz',
    );
    const seccomp = s.projects['cmd/checkseccomp'];
    expect(() =>
      checkRequestedConfiguration(
        { project: 'checkseccomp', target: 'build', configuration: 'linux-amd64' },
        seccomp.targets as never,
        (seccomp.metadata as { platforms: never }).platforms,
      ),
    ).toThrow('checkseccomp cannot build for linux-amd64: build constraints exclude all Go files of example.com/r/cmd/checkseccomp');
  });
});

describe('cgo and tags change what builds', () => {
  const s = loadSpec(spec, { groups, cgo: ['runc', 'everywhere'], tags: { checkseccomp: ['seccomp'] } });
  const configs = (dir: string) => Object.keys(s.projects[dir].targets?.build?.configurations ?? {});

  it('builds a cgo package on the platforms its own constraint allows once cgo is on, and needs nothing more', () => {
    expect(configs('cmd/runc')).toEqual(['linux-amd64', 'linux-arm64']);
    expect((s.projects['cmd/runc'].targets?.build?.metadata as { platforms: object }).platforms).not.toHaveProperty('needsCgo');
    expect(s.model.warnings.filter((w) => w.startsWith('runc '))).toEqual([]);
  });

  it('builds a tagged main once its tag is set', () => {
    expect(configs('cmd/checkseccomp')).toEqual(['linux-amd64', 'linux-arm64', 'darwin-arm64', 'windows-amd64']);
  });

  it('gives a cgo binary only the platforms the cgo image has a C compiler for', () => {
    expect(configs('cmd/everywhere')).toEqual(['linux-amd64', 'linux-arm64', 'windows-amd64']);
    const meta = s.projects['cmd/everywhere'].targets?.build?.metadata as { platforms: { dropped: Record<string, string> } };
    expect(meta.platforms.dropped['darwin/arm64']).toBe(
      'everywhere builds with cgo, and the cgo image has C compilers only for linux/amd64, linux/arm64, linux/arm, linux/ppc64le, linux/s390x, windows/amd64',
    );
  });
});

describe('tags for every binary', () => {
  it('"*" gives each binary its tags, before its own', () => {
    const all = loadSpec(spec, { groups, tags: { '*': ['seccomp'], runc: ['selinux'] } });
    expect(Object.keys(all.projects['cmd/checkseccomp'].targets?.build?.configurations ?? {})).toEqual(['linux-amd64', 'linux-arm64', 'darwin-arm64', 'windows-amd64']);
    expect(all.projects['cmd/checkseccomp'].targets?.build?.options).toMatchObject({ tags: ['seccomp'] });
    expect(all.projects['cmd/runc'].targets?.build?.options).toMatchObject({ tags: ['seccomp', 'selinux'] });
  });
});

describe('droppedReason', () => {
  it('shows a control character of a file name as \\xNN', () => {
    const d = { platform: 'windows/amd64', importPath: 'example.com/m/pkg', dir: 'pkg', files: ['a\u001b[2J_linux.go (file name)'], needsCgo: false };
    expect(droppedReason(d)).toBe('build constraints exclude all Go files of example.com/m/pkg on windows/amd64: a\\x1b[2J_linux.go (file name)');
  });
});
