/** The build-image executor with a fake engine at its connect seam: built once per definition, checked against go.mod. */
import { ExecutorContext, logger } from '@nx/devkit';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable } from 'stream';
import * as tar from 'tar-stream';
import type { DockerEngine, ImageInfo } from '../shared/engine/docker';
import buildImageExecutor from './executor';

/** An engine holding images by tag; a build stores the context's file names and the labels it was given. */
function imageEngine() {
  const images = new Map<string, ImageInfo>();
  const builds: { tag: string; files: string[]; labels: Record<string, string> }[] = [];
  const engine = {
    url: 'unix:///fake.sock',
    ping: async () => undefined,
    inspectImage: async (tag: string) => images.get(tag),
    imageExists: async (tag: string) => images.has(tag),
    buildImage: async (context: Readable, tag: string, opts: { labels: Record<string, string> }) => {
      const files: string[] = [];
      const extract = tar.extract();
      const done = new Promise<void>((resolve, reject) => extract.on('finish', resolve).on('error', reject));
      extract.on('entry', (h, stream, next) => (files.push(h.name), stream.resume(), stream.on('end', next)));
      context.pipe(extract);
      await done;
      builds.push({ tag, files: files.sort(), labels: opts.labels });
      images.set(tag, { id: `sha256:${builds.length}`, labels: opts.labels, env: ['GOLANG_VERSION=1.22.0'], size: 1 });
    },
  };
  return { engine, images, builds, connect: () => engine as unknown as DockerEngine };
}

describe('build-image executor (fake engine)', () => {
  let ws: string;
  let errors: string[];
  const context = () => ({ root: ws, cwd: ws, isVerbose: false, projectName: 'kubernetes', targetName: 'build-image' }) as unknown as ExecutorContext;
  const dockerfile = () => path.join(ws, 'build/build-image/Dockerfile');

  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-build-image-'));
    fs.mkdirSync(path.dirname(dockerfile()), { recursive: true });
    fs.writeFileSync(dockerfile(), 'FROM golang:1.22\n');
    fs.writeFileSync(path.join(ws, 'build/build-image/rsyncd.sh'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module k8s.io/kubernetes\n\ngo 1.19\n');
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('builds the definition once, its folder as the context, labelled managed, and reuses the tag after', async () => {
    const fake = imageEngine();
    const first = await buildImageExecutor({ moduleRoot: '' }, context(), fake.connect);
    expect(first).toEqual({ success: true, tag: expect.stringMatching(/^kube-build:build-[0-9a-f]+$/) });
    expect(fake.builds.map((b) => [b.tag, b.files])).toEqual([[first.tag, ['Dockerfile', 'rsyncd.sh']]]);
    expect(fake.builds[0].labels).toMatchObject({ 'io.nx-kube-build.managed': 'true' });
    await expect(buildImageExecutor({ moduleRoot: '' }, context(), fake.connect)).resolves.toEqual(first);
    expect(fake.builds).toHaveLength(1);
  });

  it('a changed definition is a new tag, built anew', async () => {
    const fake = imageEngine();
    const first = await buildImageExecutor({}, context(), fake.connect);
    fs.appendFileSync(dockerfile(), 'ENV CHANGED=1\n');
    const second = await buildImageExecutor({}, context(), fake.connect);
    expect(second.tag).not.toBe(first.tag);
    expect(fake.builds.map((b) => b.tag)).toEqual([first.tag, second.tag]);
  });

  it('fails with one line when the image is older than go.mod asks', async () => {
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module k8s.io/kubernetes\n\ngo 1.99\n');
    await expect(buildImageExecutor({ moduleRoot: '' }, context(), imageEngine().connect)).resolves.toEqual({ success: false });
    expect(errors).toEqual([expect.stringMatching(/^The kube-build image has Go 1\.22\.0 but go\.mod requires go 1\.99 \(nothing is downloaded: GOTOOLCHAIN=local\)/)]);
  });

  it('an image option naming a missing image builds nothing and says so', async () => {
    const fake = imageEngine();
    await expect(buildImageExecutor({ image: 'kube-build:nope' }, context(), fake.connect)).resolves.toEqual({ success: false });
    expect(errors).toEqual([
      'Image kube-build:nope does not exist in the Docker Engine at unix:///fake.sock: build or load it there first (no registry is pulled from), or drop the image option to build the Dockerfile.',
    ]);
    expect(fake.builds).toEqual([]);
  });
});
