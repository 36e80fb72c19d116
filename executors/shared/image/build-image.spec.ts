import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar-stream';
import {
  GO_VERSION_LABEL,
  checkGoVersion,
  contextEntries,
  packContext,
  resolveBuildImage,
  usesHostToolchain,
} from './build-image';

const TOOLCHAIN_DOCKERFILE = 'FROM scratch\nCOPY toolchain/rootfs/ /\nCOPY toolchain/go /usr/local/go\n';

describe('usesHostToolchain', () => {
  it.each([
    [TOOLCHAIN_DOCKERFILE, true],
    ['FROM scratch\ncopy  toolchain/go /usr/local/go\n', true],
    ['FROM golang:1.22\nRUN go version\n', false],
    ['FROM golang:1.22\n# COPY toolchain/go would be ours\n', false],
  ])('%j → %s', (text, want) => {
    expect(usesHostToolchain(text)).toBe(want);
  });
});

describe('checkGoVersion', () => {
  const lines = (goVersion?: string, toolchain?: string) => ({ file: 'workspace/go.mod', goVersion, toolchain });
  it('accepts a toolchain at least as new as go.mod asks', () => {
    expect(() => checkGoVersion('go1.19.8', lines('1.19'))).not.toThrow();
    expect(() => checkGoVersion('go1.22.0', lines('1.21.5'))).not.toThrow();
    expect(() => checkGoVersion(undefined, lines('1.21'))).not.toThrow();
  });

  it('names both versions and the three ways out when the image is too old for the go line', () => {
    expect(() => checkGoVersion('go1.19.8', lines('1.21'))).toThrow(
      /^The kube-build image has Go 1\.19\.8 but workspace\/go\.mod requires go 1\.21 \(nothing is downloaded: GOTOOLCHAIN=local\): install Go 1\.21 on the host/,
    );
  });

  it('warns, and builds, when only the toolchain line is newer', () => {
    const warn = jest.fn();
    expect(() => checkGoVersion('go1.19.8', lines('1.19', 'go1.99.1'), warn)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^workspace\/go\.mod asks for toolchain go1\.99\.1 but the kube-build image has Go 1\.19\.8/));
  });
});

describe('resolveBuildImage', () => {
  let ws: string;
  let goroot: string;

  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-image-'));
    const dir = path.join(ws, 'workspace', 'build', 'build-image');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), TOOLCHAIN_DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'README.md'), 'image\n');
    fs.writeFileSync(path.join(ws, 'workspace', 'go.mod'), 'module example.com/m\n\ngo 1.19\n');
    // A static "go": no loader or libc needed.
    goroot = path.join(ws, 'goroot');
    fs.mkdirSync(path.join(goroot, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(goroot, 'src', 'fmt'), { recursive: true });
    fs.writeFileSync(path.join(goroot, 'bin', 'go'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(goroot, 'src', 'fmt', 'print.go'), 'package fmt\n');
    fs.writeFileSync(path.join(goroot, 'VERSION'), 'go1.21.3\ntime 2023-10-09\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const resolve = () => resolveBuildImage(ws, { moduleRoot: 'workspace', goroot });

  it('tags by definition and toolchain, and records the Go version', async () => {
    const r = await resolve();
    expect(r.tag).toMatch(/^kube-build:build-[0-9a-f]{12}$/);
    expect(r.prebuilt).toBe(false);
    expect(r.dockerfileRel).toBe('workspace/build/build-image/Dockerfile');
    expect(r.contextFiles).toEqual(['Dockerfile', 'README.md']);
    expect(r.labels).toMatchObject({ 'io.nx-kube-build.managed': 'true', [GO_VERSION_LABEL]: 'go1.21.3' });
    expect((await resolve()).tag).toBe(r.tag);
  });

  it('gets a new tag when the definition or the toolchain changes', async () => {
    const first = (await resolve()).tag;
    fs.appendFileSync(path.join(ws, 'workspace', 'build', 'build-image', 'README.md'), 'more\n');
    const second = (await resolve()).tag;
    expect(second).not.toBe(first);
    fs.writeFileSync(path.join(goroot, 'VERSION'), 'go1.21.4\n');
    expect((await resolve()).tag).not.toBe(second);
  });

  it('adds the toolchain to the context', async () => {
    const names = contextEntries(await resolve()).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Dockerfile',
        'README.md',
        'toolchain/go/bin/go',
        'toolchain/go/src/fmt/print.go',
        'toolchain/rootfs/tmp',
        'toolchain/rootfs/go-cache',
      ]),
    );
  });

  it('streams the context as a tar with the modes it listed', async () => {
    const pack = packContext(await resolve());
    const seen = new Map<string, { mode?: number; type?: string; body: string }>();
    await new Promise<void>((resolveDone, reject) => {
      const extract = tar.extract();
      extract.on('entry', (header, stream, next) => {
        let body = '';
        stream.on('data', (d: unknown) => {
          body += String(d);
        });
        stream.on('end', () => {
          seen.set(header.name, { mode: header.mode, type: header.type ?? undefined, body });
          next();
        });
      });
      extract.on('finish', resolveDone);
      extract.on('error', reject);
      pack.pipe(extract as unknown as NodeJS.WritableStream);
    });
    expect(seen.get('Dockerfile')?.body).toBe(TOOLCHAIN_DOCKERFILE);
    expect(seen.get('toolchain/go/src/fmt/print.go')?.body).toBe('package fmt\n');
    expect(seen.get('toolchain/rootfs/tmp')).toMatchObject({ type: 'directory', mode: 0o1777 });
    expect(seen.get('toolchain/rootfs/go-cache')).toMatchObject({ type: 'directory', mode: 0o1777 });
  });

  it('adds nothing for a FROM golang Dockerfile and never looks for a host Go', async () => {
    fs.writeFileSync(path.join(ws, 'workspace', 'build', 'build-image', 'Dockerfile'), 'FROM golang:1.22\n');
    const r = await resolveBuildImage(ws, { moduleRoot: 'workspace', goroot: '/does/not/exist' });
    expect(r.toolchain).toBeUndefined();
    expect(r.labels[GO_VERSION_LABEL]).toBeUndefined();
    expect(contextEntries(r).map((e) => e.name)).toEqual(['Dockerfile', 'README.md']);
  });

  it('uses an explicit image as it is', async () => {
    expect(await resolveBuildImage(ws, { moduleRoot: 'workspace', image: 'golang:1.22' })).toMatchObject({
      tag: 'golang:1.22',
      prebuilt: true,
    });
  });

  it('says where the Dockerfile was expected', async () => {
    await expect(resolveBuildImage(ws, { moduleRoot: 'workspace', dockerfile: 'build/other/Dockerfile' })).rejects.toThrow(
      'No Dockerfile at workspace/build/other/Dockerfile: create the build image definition there, or set the dockerfile or image option.',
    );
  });

  it('refuses a GOROOT without a toolchain', async () => {
    await expect(resolveBuildImage(ws, { moduleRoot: 'workspace', goroot: path.join(ws, 'workspace') })).rejects.toThrow(
      `GOROOT ${path.join(ws, 'workspace')} has no bin/go and src/: set goroot to a Go installation (go env GOROOT prints one).`,
    );
  });
});
