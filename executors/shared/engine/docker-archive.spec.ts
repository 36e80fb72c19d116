import type Dockerode from 'dockerode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough, Readable, Writable } from 'stream';
import * as tar from 'tar-stream';
import { DockerEngine } from './docker';

const notFound = (): Error => Object.assign(new Error('(HTTP code 404) no such file'), { statusCode: 404 });

function tarOf(entries: { name: string; type?: 'file' | 'directory'; body?: string }[]): Readable {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name }, e.body ?? '');
  }
  pack.finalize();
  return pack as unknown as Readable;
}

/** Just enough of Dockerode for the archive calls and one container run; `events` records the order. */
function fakeEngine(archives: Record<string, () => Readable>, exit = 0) {
  const events: string[] = [];
  const container = {
    id: 'c0ffee',
    attach: async () => {
      const s = new PassThrough();
      s.resume();
      setImmediate(() => s.end());
      return s;
    },
    start: async () => events.push('start'),
    wait: async () => ({ StatusCode: exit }),
  };
  const docker = {
    createContainer: async () => container,
    getContainer: () => ({
      getArchive: async ({ path: p }: { path: string }) => {
        events.push(`getArchive ${p}`);
        if (!archives[p]) throw notFound();
        return archives[p]();
      },
      remove: async () => {
        events.push('remove');
        throw notFound();
      },
    }),
    getEvents: async () => Readable.from([]),
    modem: { demuxStream: () => undefined },
  };
  return { engine: new DockerEngine('tcp://10.0.0.5:2376', docker as unknown as Dockerode), events };
}

describe('DockerEngine archive copies', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-archive-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copyFileOut writes the one regular file of the archive to the host path', async () => {
    const { engine } = fakeEngine({ '/tmp/.kubelet.tmp': () => tarOf([{ name: '.kubelet.tmp', body: '\x7fELF binary' }]) });
    const out = path.join(dir, 'kubelet.tmp');
    await expect(engine.copyFileOut('c', '/tmp/.kubelet.tmp', out)).resolves.toBe(true);
    expect(fs.readFileSync(out, 'utf8')).toBe('\x7fELF binary');
  });

  it('copyFileOut is false and writes nothing when the container has no such file', async () => {
    const { engine } = fakeEngine({});
    const out = path.join(dir, 'kubelet.tmp');
    await expect(engine.copyFileOut('c', '/tmp/.kubelet.tmp', out)).resolves.toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('copyFileOut is false for a path that is a directory', async () => {
    const { engine } = fakeEngine({ '/tmp/d': () => tarOf([{ name: 'd', type: 'directory' }]) });
    await expect(engine.copyFileOut('c', '/tmp/d', path.join(dir, 'x'))).resolves.toBe(false);
  });

  it('readContainerFile returns the content, or undefined when absent', async () => {
    const { engine } = fakeEngine({ '/src/.stamp': () => tarOf([{ name: '.stamp', body: 'tok\n' }]) });
    expect((await engine.readContainerFile('c', '/src/.stamp'))?.toString()).toBe('tok\n');
    expect(await engine.readContainerFile('c', '/src/none')).toBeUndefined();
  });
});

describe('DockerEngine.runToCompletion beforeRemove', () => {
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const spec = { name: 'kube-build-1234abcd-kubelet-linux-amd64', Image: 'kube-build:x' };

  it('runs after the exit and before the container is removed, with the exit code', async () => {
    const { engine, events } = fakeEngine({ '/tmp/out': () => tarOf([{ name: 'out', body: 'b' }]) }, 0);
    const out = path.join(os.tmpdir(), `nkb-before-remove-${process.pid}`);
    try {
      const code = await engine.runToCompletion(spec, {
        stdout: sink(),
        stderr: sink(),
        beforeRemove: async (exit) => {
          events.push(`beforeRemove ${exit}`);
          await engine.copyFileOut(spec.name, '/tmp/out', out);
        },
      });
      expect(code).toBe(0);
      expect(events).toEqual(['remove', 'start', 'beforeRemove 0', 'getArchive /tmp/out', 'remove']);
      expect(fs.readFileSync(out, 'utf8')).toBe('b');
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
});
