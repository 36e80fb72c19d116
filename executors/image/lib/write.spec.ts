import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { listTar } from '../../shared/archive/tar.spec-helpers';
import { tempImageStart, VERSION } from './steps.spec-helpers';
import { writeImage } from './write';

const noExport = { exportImage: async (name: string): Promise<never> => Promise.reject(new Error(`no ${name}`)) };

describe('writeImage', () => {
  it('writes the docker-archive named by its config digest and the tag file, leaving no partial', async () => {
    const t = await tempImageStart();
    try {
      const imageId = await writeImage(t.start, t.ws, noExport);
      const entries = await listTar(t.start.archive, { withBodies: true });
      const config = entries.find((e) => e.name === `${imageId.slice(7)}.json`);
      expect(`sha256:${createHash('sha256').update(config!.body!).digest('hex')}`).toBe(imageId);
      expect(fs.readFileSync(t.start.tagFile, 'utf8')).toBe('v1.31.0-alpha.0.6_84c76d1142ea4d\n');
      expect(fs.readdirSync(path.dirname(t.start.archive)).sort()).toEqual(['kube-proxy.docker_tag', 'kube-proxy.tar']);
      expect(JSON.parse(config!.body!.toString()).architecture).toBe('amd64');
    } finally {
      t.cleanup();
    }
  });

  it('stamps every entry of the archive and of its layer with the version time, never the clock', async () => {
    const t = await tempImageStart();
    try {
      await writeImage(t.start, t.ws, noExport);
      const entries = await listTar(t.start.archive, { withBodies: true });
      expect(entries.map((e) => [e.name, e.mtime]).filter(([, m]) => m !== VERSION.epoch)).toEqual([]);
      const layer = path.join(t.ws, 'layer.tar');
      fs.writeFileSync(layer, entries.find((e) => e.name.endsWith('/layer.tar'))!.body!);
      const files = await listTar(layer);
      expect(files.map((e) => [e.name, e.mode.toString(8), e.uid, e.gid, e.mtime])).toEqual([
        ['usr/', '755', 0, 0, 1714564800],
        ['usr/local/', '755', 0, 0, 1714564800],
        ['usr/local/bin/', '755', 0, 0, 1714564800],
        ['usr/local/bin/kube-proxy', '755', 0, 0, 1714564800],
      ]);
    } finally {
      t.cleanup();
    }
  });

  // Golden digests, computed once and written here: a change to any byte of
  // the archive (an mtime, a mode, an owner, the JSON, the entry order, the
  // tar-stream version) fails this, as it would change every image ID.
  it('gives byte-identical output for fixed inputs: this archive digest and image ID', async () => {
    const t = await tempImageStart();
    try {
      const imageId = await writeImage(t.start, t.ws, noExport);
      expect(imageId).toBe('sha256:e9478e26914c19865d093c0a6666c36c02f9f77d9c1dede5319139fc17841d2e');
      expect(createHash('sha256').update(fs.readFileSync(t.start.archive)).digest('hex')).toBe('3700325d37a753835f45ce72250a835bb604a7c5017ee75395a2843a51d6f50a');
    } finally {
      t.cleanup();
    }
  });

  it.each([
    [
      'base/missing.tar',
      'baseImage "base/missing.tar" is not a file; point it at a docker-archive written by docker save, relative to the workspace root.',
    ],
    ['gcr.io/distroless/static:nonroot', 'no gcr.io/distroless/static:nonroot'],
  ])('writes nothing when the base image %s cannot be read', async (baseImage, message) => {
    const t = await tempImageStart({ baseImage });
    try {
      await expect(writeImage(t.start, t.ws, noExport)).rejects.toThrow(new Error(message));
      expect(fs.existsSync(path.dirname(t.start.archive))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('stops before writing when the signal fired', async () => {
    const t = await tempImageStart();
    const ac = new AbortController();
    ac.abort();
    try {
      await expect(writeImage(t.start, t.ws, noExport, ac.signal)).rejects.toThrow('Building the kube-proxy image was interrupted.');
      expect(fs.existsSync(t.start.archive)).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
