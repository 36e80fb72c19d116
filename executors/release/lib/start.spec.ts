import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startRelease } from './start';
import { VERSION } from './steps.spec-helpers';

describe('startRelease', () => {
  let ws: string;
  let logs: string[];
  const log = { info: (m: string) => logs.push(`info: ${m}`), warn: (m: string) => logs.push(`warn: ${m}`) };
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'release-start-'));
    fs.mkdirSync(path.join(ws, 'mod'));
    logs = [];
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));
  const groups = { client: { binaries: [{ project: 'kubectl', name: 'kubectl' }], platforms: ['linux/amd64', 'darwin/arm64'] } };

  it('plans the platforms, says which, and takes the binaries where the build target writes them', async () => {
    const start = await startRelease({ moduleRoot: 'mod', groups, buildTarget: 'compile' }, ws, {
      env: {},
      log,
      readVersionInfo: async () => VERSION,
      buildOutput: (target, project, p, name) => `out/${target}/${project}/${p.os}-${p.arch}/${name}`,
    });
    expect(start.moduleDir).toBe(path.join(ws, 'mod'));
    expect(start.version).toEqual(VERSION);
    expect(start.plan.tarballs.map((t) => [t.file, t.binaries.map((b) => b.source)])).toEqual([
      ['kubernetes-client-darwin-arm64.tar.gz', ['out/compile/kubectl/darwin-arm64/kubectl']],
      ['kubernetes-client-linux-amd64.tar.gz', ['out/compile/kubectl/linux-amd64/kubectl']],
    ]);
    expect(logs).toEqual(['info: Releasing kubernetes for linux/amd64, darwin/arm64.']);
  });

  it('refuses a module root that is not a directory', async () => {
    await expect(startRelease({ moduleRoot: 'nope' }, ws, { env: {}, log, readVersionInfo: async () => VERSION })).rejects.toThrow(
      new Error(`moduleRoot "nope" is not a directory under ${ws}; point it at the Go module.`),
    );
  });

  it('refuses to release without a version', async () => {
    const read = async () => ({ epoch: 0, buildDate: '1970-01-01T00:00:00Z' });
    await expect(startRelease({ moduleRoot: 'mod', groups }, ws, { env: {}, log, readVersionInfo: read })).rejects.toThrow(
      new Error(`Cannot tell the release version of ${ws}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`),
    );
  });
});
