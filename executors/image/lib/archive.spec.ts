import { createHash } from 'crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { writeTar } from '../../shared/archive/tar';
import { listTar } from '../../shared/archive/tar.spec-helpers';
import { chainIds, dockerArchiveContents, writeDockerArchive } from './archive';
import { checkBasePlatform, readDockerArchive } from './base';
import { imageConfig, JsonObject } from './config';
import { sha256Of } from './digest';
import { binaryLayerEntries, writeBinaryLayer } from './layer';

const EPOCH = 1714564800; // 2024-05-01T12:00:00Z
const hex = (d: string) => d.slice('sha256:'.length);

describe('docker-archive', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'image-'));
    writeFileSync(path.join(dir, 'kube-proxy'), 'ELF kube-proxy');
    chmodSync(path.join(dir, 'kube-proxy'), 0o700);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The binary's layer, config and archive, as the executor writes them. */
  async function write(dest: string, extra: { base?: Awaited<ReturnType<typeof readDockerArchive>> } = {}) {
    const layer = path.join(dir, `${path.basename(dest)}.layer.tar`);
    const diffId = await writeBinaryLayer(layer, 'kube-proxy', path.join(dir, 'kube-proxy'), EPOCH);
    const config = imageConfig({
      binary: 'kube-proxy',
      platform: { os: 'linux', arch: 'amd64' },
      created: '2024-05-01T12:00:00Z',
      gitVersion: 'v1.31.0-alpha.0',
      gitCommit: 'c0ffee',
      layerDiffId: diffId,
      base: extra.base?.config,
    });
    const input = {
      config,
      layers: [...(extra.base?.layers ?? []), { file: layer, diffId }],
      repoTags: [{ repo: 'registry.k8s.io/kube-proxy-amd64', tag: 'v1.31.0-alpha.0' }],
    };
    const imageId = await writeDockerArchive(dest, input, EPOCH);
    return { imageId, diffId, layer, config };
  }

  it('writes the layer as /usr/local/bin/<binary>, 0755, root-owned, at the fixed time', async () => {
    const layer = path.join(dir, 'layer.tar');
    const diffId = await writeBinaryLayer(layer, 'kube-proxy', path.join(dir, 'kube-proxy'), EPOCH);
    const entries = await listTar(layer, { withBodies: true });
    expect(entries.map((e) => [e.name, e.type, e.mode.toString(8)])).toEqual([
      ['usr/', 'directory', '755'],
      ['usr/local/', 'directory', '755'],
      ['usr/local/bin/', 'directory', '755'],
      ['usr/local/bin/kube-proxy', 'file', '755'],
    ]);
    for (const e of entries) expect([e.uid, e.gid, e.uname, e.gname, e.mtime]).toEqual([0, 0, '', '', EPOCH]);
    expect(entries[3].body?.toString()).toBe('ELF kube-proxy');
    expect(diffId).toBe(sha256Of(readFileSync(layer)));
    expect(binaryLayerEntries('kubectl', '/b/kubectl')).toEqual([
      { type: 'file', name: 'usr/local/bin/kubectl', source: '/b/kubectl', executable: true },
    ]);
  });

  it('fails naming the binary when the build left none', async () => {
    await expect(writeBinaryLayer(path.join(dir, 'l.tar'), 'kubectl', path.join(dir, 'kubectl'), EPOCH)).rejects.toThrow(
      new Error(`The kubectl binary ${path.join(dir, 'kubectl')} does not exist; its build target must write it there.`),
    );
  });

  it('is byte-identical when written twice, even after the binary changes mode and time', async () => {
    const a = await write(path.join(dir, 'a.tar'));
    chmodSync(path.join(dir, 'kube-proxy'), 0o755);
    const b = await write(path.join(dir, 'b.tar'));
    expect(readFileSync(path.join(dir, 'b.tar')).equals(readFileSync(path.join(dir, 'a.tar')))).toBe(true);
    expect(b.imageId).toBe(a.imageId);
  });

  it('holds manifest.json, the config named by its digest, the layer with its legacy files, and repositories', async () => {
    const { imageId, diffId, config } = await write(path.join(dir, 'a.tar'));
    const entries = await listTar(path.join(dir, 'a.tar'), { withBodies: true });
    const id = hex(diffId);
    // Sorted by name in byte order, as every archive this plugin writes.
    const expected = [
      [`${id}/`, '755'],
      [`${id}/VERSION`, '644'],
      [`${id}/json`, '644'],
      [`${id}/layer.tar`, '644'],
      [`${hex(imageId)}.json`, '644'],
      ['manifest.json', '644'],
      ['repositories', '644'],
    ].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(entries.map((e) => [e.name, e.mode.toString(8)])).toEqual(expected);
    for (const e of entries) expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, EPOCH]);
    const body = (name: string) => entries.find((e) => e.name === name)!.body!;
    expect(JSON.parse(body('manifest.json').toString())).toEqual([
      { Config: `${hex(imageId)}.json`, Layers: [`${id}/layer.tar`], RepoTags: ['registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0'] },
    ]);
    expect(JSON.parse(body('repositories').toString())).toEqual({ 'registry.k8s.io/kube-proxy-amd64': { 'v1.31.0-alpha.0': id } });
    expect(body(`${id}/VERSION`).toString()).toBe('1.0');
    expect(JSON.parse(body(`${id}/json`).toString())).toEqual({ id, created: '2024-05-01T12:00:00Z', os: 'linux', architecture: 'amd64' });
    // The image ID is the digest of the config bytes, and the layer is the one the config names.
    const configBytes = body(`${hex(imageId)}.json`);
    expect(`sha256:${createHash('sha256').update(configBytes).digest('hex')}`).toBe(imageId);
    expect(JSON.parse(configBytes.toString())).toEqual(config);
    expect(sha256Of(body(`${id}/layer.tar`))).toBe(diffId);
  });

  it('stacks the layer on a base read from a docker-archive, keeping the base layers byte for byte', async () => {
    const baseTar = path.join(dir, 'base.tar');
    const base = await write(baseTar);
    const read = await readDockerArchive(createReadStream(baseTar), path.join(dir, 'scratch'), 'base.tar');
    expect(read.config).toEqual(base.config);
    expect(read.layers.map((l) => l.diffId)).toEqual([base.diffId]);
    checkBasePlatform(read.config, { os: 'linux', arch: 'amd64' }, 'base.tar');

    writeFileSync(path.join(dir, 'kube-proxy'), 'ELF kube-proxy v2');
    const top = await write(path.join(dir, 'top.tar'), { base: read });
    const entries = await listTar(path.join(dir, 'top.tar'), { withBodies: true });
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.body!.toString());
    const ids = chainIds([base.diffId, top.diffId]).map(hex);
    expect(manifest[0].Layers).toEqual(ids.map((i) => `${i}/layer.tar`));
    expect(ids[0]).toBe(hex(base.diffId));
    expect(entries.find((e) => e.name === `${ids[0]}/layer.tar`)!.body!.equals(readFileSync(base.layer))).toBe(true);
    expect(JSON.parse(entries.find((e) => e.name === `${ids[1]}/json`)!.body!.toString()).parent).toBe(ids[0]);
    expect((top.config.rootfs as JsonObject).diff_ids).toEqual([base.diffId, top.diffId]);
    expect(top.config.history).toHaveLength(2);
  });

  it('reads gzip-compressed base layers by their uncompressed digest', async () => {
    const layer = path.join(dir, 'plain.tar');
    await writeTar(layer, [{ type: 'file', name: 'etc/motd', content: 'hi' }], { mtime: 0 });
    const diffId = sha256Of(readFileSync(layer));
    writeFileSync(path.join(dir, 'gz'), gzipSync(readFileSync(layer)));
    const config = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] } };
    const archive = path.join(dir, 'oci-ish.tar');
    await writeTar(
      archive,
      [
        { type: 'file', name: 'blobs/sha256/cfg', content: JSON.stringify(config) },
        { type: 'file', name: 'blobs/sha256/layer', source: path.join(dir, 'gz') },
        { type: 'file', name: 'manifest.json', content: JSON.stringify([{ Config: 'blobs/sha256/cfg', Layers: ['blobs/sha256/layer'] }]) },
      ],
      { mtime: 0 },
    );
    const read = await readDockerArchive(createReadStream(archive), path.join(dir, 's'), 'oci-ish.tar');
    expect(read.layers.map((l) => l.diffId)).toEqual([diffId]);
    expect(readFileSync(read.layers[0].file).equals(readFileSync(layer))).toBe(true);
  });

  it.each([
    ['no manifest', [{ type: 'file' as const, name: 'x', content: 'y' }], 'b.tar has no manifest.json, so it is no docker-archive; write it with docker save.'],
    [
      'two images',
      [{ type: 'file' as const, name: 'manifest.json', content: '[{},{}]' }],
      'b.tar holds 2 images; a base image archive must hold exactly one (docker save <one image>).',
    ],
    [
      'a damaged layer',
      [
        { type: 'file' as const, name: 'c.json', content: JSON.stringify({ rootfs: { diff_ids: [`sha256:${'0'.repeat(64)}`] } }) },
        { type: 'file' as const, name: 'l/layer.tar', content: 'not this' },
        { type: 'file' as const, name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]) },
      ],
      `Layer l/layer.tar of b.tar has digest ${sha256Of('not this')}, not the sha256:${'0'.repeat(64)} its config names; the archive is damaged.`,
    ],
  ])('rejects a base archive with %s', async (_, entries, message) => {
    const file = path.join(dir, 'b.tar');
    await writeTar(file, entries, { mtime: 0 });
    await expect(readDockerArchive(createReadStream(file), path.join(dir, 's'), 'b.tar')).rejects.toThrow(new Error(message));
  });

  it('rejects a base image of another platform', () => {
    expect(() => checkBasePlatform({ os: 'linux', architecture: 'amd64' }, { os: 'linux', arch: 'arm64' }, 'distroless')).toThrow(
      new Error('Base image distroless is linux/amd64, not linux/arm64; give a base image for linux/arm64.'),
    );
  });

  it('refuses layers that do not match the config', () => {
    const config = { rootfs: { type: 'layers', diff_ids: ['sha256:a'] } };
    expect(() => dockerArchiveContents({ config, layers: [{ file: '/x', diffId: 'sha256:b' }], repoTags: [] })).toThrow(
      new Error("The image layers (sha256:b) do not match the config's rootfs.diff_ids (sha256:a); each layer must be listed once, in order."),
    );
  });
});
