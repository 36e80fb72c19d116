import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { goTestArgs, normalizeTestOptions } from './command';

describe('goTestArgs', () => {
  it('puts flags before the packages and extra arguments after them', () => {
    expect(
      goTestArgs({ goflags: '-race -count=1', tags: ['integration'], packages: ['./pkg/kubelet'], args: ['-run', 'TestX'] }),
    ).toEqual(['test', '-race', '-count=1', '-tags', 'integration', './pkg/kubelet', '-run', 'TestX']);
  });

  it('is plain go test by default', () => {
    expect(goTestArgs({ goflags: '', tags: [], packages: ['k8s.io/api/...'], args: [] })).toEqual(['test', 'k8s.io/api/...']);
  });
});

describe('normalizeTestOptions', () => {
  let ws: string;
  beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-test-opts-'));
    fs.mkdirSync(path.join(ws, 'workspace'));
    fs.writeFileSync(path.join(ws, 'workspace', 'go.mod'), 'module example.com/m\n');
  });
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('defaults to every package, no network and the Go cache of this uid', () => {
    expect(normalizeTestOptions({ moduleRoot: 'workspace' }, ws)).toMatchObject({
      modulePath: 'example.com/m',
      packages: ['./...'],
      network: 'none',
      cacheVolume: `nx-kube-build-gocache-${process.getuid!()}`,
      vendored: false,
      mode: 'docker',
      sync: 'auto',
    });
  });

  it.each([
    [{ moduleRoot: 'missing' }, 'No go.mod in moduleRoot "missing": set moduleRoot to the workspace-relative folder that holds the module\'s go.mod (or the go.work).'],
    [{ moduleRoot: '../x' }, 'moduleRoot "../x" points outside the workspace: use a path relative to the workspace root.'],
    [
      { moduleRoot: 'workspace', packages: ['../../../etc/...'] },
      'packages entry "../../../etc/..." points outside the workspace: use a path relative to the module, e.g. "./pkg/...".',
    ],
    [{ moduleRoot: 'workspace', sync: 'rsync' as never }, 'sync "rsync" is not supported: use "auto", "copy", "mount".'],
  ])('rejects %j', (o, message) => {
    expect(() => normalizeTestOptions(o, ws)).toThrow(message);
  });
});
