import type Dockerode from 'dockerode';
import { PassThrough, Readable, Writable } from 'stream';
import { DockerEngine } from './docker';

/** Just enough of Dockerode for runToCompletion: one container whose wait and events are scripted. */
function fakeEngine(opts: { wait: () => Promise<{ StatusCode: number }>; events?: string[]; removeError?: unknown; eventsError?: unknown }) {
  const removed: string[] = [];
  const container = {
    id: 'c0ffee',
    attach: async () => {
      // Flowing, so it ends as a drained attach stream does and no run waits out the 3 s output grace.
      const s = new PassThrough().resume();
      setImmediate(() => s.end());
      return s;
    },
    start: async () => undefined,
    wait: opts.wait,
  };
  let created = false;
  const docker = {
    createContainer: async () => {
      created = true;
      return container;
    },
    getContainer: (name: string) => ({
      remove: async () => {
        if (created && opts.removeError) throw opts.removeError;
        removed.push(name);
        const e = new Error('no such container') as Error & { statusCode: number };
        e.statusCode = 404;
        if (!created) throw e;
      },
    }),
    getEvents: async () => {
      if (opts.eventsError) throw opts.eventsError;
      return Readable.from((opts.events ?? []).map((e) => Buffer.from(e + '\n')));
    },
    modem: { demuxStream: () => undefined },
  };
  return { engine: new DockerEngine('unix:///tmp/x/docker.sock', docker as unknown as Dockerode), removed };
}

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const io = () => ({ stdout: sink(), stderr: sink() });
const spec = { name: 'kube-build-1234abcd-kubelet-linux-amd64', Image: 'kube-build:x' };
const connError = (code: string) => Object.assign(new Error(`connect ${code} /tmp/x/docker.sock`), { code });

describe('DockerEngine.runToCompletion', () => {
  it('returns the exit code of a container that ends by itself, and removes it', async () => {
    const { engine, removed } = fakeEngine({ wait: async () => ({ StatusCode: 1 }) });
    await expect(engine.runToCompletion(spec, io())).resolves.toBe(1);
    expect(removed).toEqual([spec.name, spec.name]);
  });

  it('says so when the container was stopped from outside, instead of returning its exit code', async () => {
    const { engine } = fakeEngine({
      wait: async () => ({ StatusCode: 2 }),
      events: [JSON.stringify({ Action: 'kill', Actor: { Attributes: { signal: '15' } } })],
    });
    await expect(engine.runToCompletion(spec, io())).rejects.toThrow(
      'Container kube-build-1234abcd-kubelet-linux-amd64 was stopped from outside with signal 15 (the Docker Engine at unix:///tmp/x/docker.sock shutting down, or docker stop/kill): start the engine if it stopped, then rerun.',
    );
  });

  it('names the engine when it goes away mid-run, and a failed removal does not hide that', async () => {
    const { engine } = fakeEngine({ wait: async () => Promise.reject(connError('ECONNRESET')), removeError: connError('ENOENT') });
    await expect(engine.runToCompletion(spec, io())).rejects.toThrow(
      'Lost the Docker Engine at unix:///tmp/x/docker.sock while container kube-build-1234abcd-kubelet-linux-amd64 ran (ECONNRESET): start the engine again, then rerun.',
    );
  });

  it('names the engine when it is gone by the time the exit is examined', async () => {
    const { engine } = fakeEngine({ wait: async () => ({ StatusCode: 2 }), eventsError: connError('ECONNREFUSED'), removeError: connError('ECONNREFUSED') });
    await expect(engine.runToCompletion(spec, io())).rejects.toThrow(
      'Lost the Docker Engine at unix:///tmp/x/docker.sock while container kube-build-1234abcd-kubelet-linux-amd64 ran (ECONNREFUSED)',
    );
  });

  it('keeps engine errors with a status as they are', async () => {
    const err = Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500 });
    const { engine } = fakeEngine({ wait: async () => Promise.reject(err) });
    await expect(engine.runToCompletion(spec, io())).rejects.toBe(err);
  });

  it('an abort (SIGINT) removes the running container at once and rejects as interrupted', async () => {
    const ac = new AbortController();
    let stop: (r: { StatusCode: number }) => void = () => undefined;
    const { engine, removed } = fakeEngine({ wait: () => new Promise((resolve) => ((stop = resolve), setImmediate(() => ac.abort()))) });
    // The engine ends a removed container's wait, as a force-remove kills it.
    const remove = removed.push.bind(removed);
    removed.push = (...names: string[]) => (stop({ StatusCode: 137 }), remove(...names));
    await expect(engine.runToCompletion(spec, { ...io(), signal: ac.signal })).rejects.toThrow(`Container ${spec.name}`);
    expect([...removed]).toEqual([spec.name, spec.name, spec.name]);
  });
});
