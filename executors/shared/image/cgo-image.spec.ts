import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parsePlatform } from '../../../plugin/platforms';
import { GO_VERSION_LABEL } from './build-image';
import { cgoImageChanges, resolveCgoImage } from './cgo-image';

describe('resolveCgoImage', () => {
  let ws: string;
  let goroot: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cgoimage-'));
    goroot = path.join(ws, 'goroot');
    fs.mkdirSync(path.join(goroot, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(goroot, 'src'), { recursive: true });
    fs.writeFileSync(path.join(goroot, 'bin', 'go'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(goroot, 'VERSION'), 'go1.23.5\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const request = (platforms: string[], packages: string[]) => ({ platforms: platforms.map(parsePlatform), packages });
  const tagOf = async (platforms: string[], packages: string[]) => (await resolveCgoImage(ws, request(platforms, packages), { goroot })).tag;

  it('tags by what goes in: the same request gives the same tag, another package list, platform set or Go another', async () => {
    const first = await tagOf(['linux/amd64', 'linux/arm64'], ['libseccomp-dev']);
    expect(first).toMatch(/^kube-build:cgo-[0-9a-f]{12}$/);
    expect(await tagOf(['linux/amd64', 'linux/arm64'], ['libseccomp-dev'])).toBe(first);
    expect(await tagOf(['linux/amd64', 'linux/arm64'], ['libseccomp-dev', 'zlib1g-dev'])).not.toBe(first);
    expect(await tagOf(['linux/amd64', 'linux/arm64', 'linux/s390x'], ['libseccomp-dev'])).not.toBe(first);
    fs.writeFileSync(path.join(goroot, 'VERSION'), 'go1.23.6\n');
    expect(await tagOf(['linux/amd64', 'linux/arm64'], ['libseccomp-dev'])).not.toBe(first);
  });

  it('is Debian bookworm from deb.debian.org with the Go version labelled and cgo on', async () => {
    const r = await resolveCgoImage(ws, request(['linux/arm64'], ['libseccomp-dev']), { goroot });
    expect(r.rootfs).toMatchObject({ suite: 'bookworm', mirror: 'http://deb.debian.org/debian' });
    expect(r.rootfs.packages).toEqual(expect.arrayContaining(['build-essential', 'pkg-config', 'libseccomp-dev']));
    expect(r.labels).toMatchObject({ 'io.nx-kube-build.managed': 'true', [GO_VERSION_LABEL]: 'go1.23.5' });
    const changes = cgoImageChanges(r);
    expect(changes).toEqual(expect.arrayContaining(['ENV CGO_ENABLED=1', 'ENV GOROOT=/usr/local/go', 'ENV GOTOOLCHAIN=local', 'WORKDIR /tmp', `LABEL ${GO_VERSION_LABEL}=go1.23.5`]));
  });
});
