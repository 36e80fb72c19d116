import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { binaryKind, sha256 } from './support/binaries';
import { countingContainers } from './support/docker';
import { nxOk } from './support/nx';
import { REPO_ROOT } from './support/paths';
import { copySample, git, removeDir, stagedNodeModules } from './support/workspace';

const SERVER = path.join(REPO_ROOT, 'e2e/fixtures/remote-cache-server.js');
const WRITE_TOKEN = 'e2e-write-token';
const READ_TOKEN = 'e2e-read-token';
const kubelet = (ws: string): string => path.join(ws, '_output/dockerized/bin/linux/amd64/kubelet');

interface Server {
  proc: ChildProcess;
  url: string;
  /**
   * The first request line (`<METHOD> <path> <status> <ms>ms`) matching `re`.
   * nx runs synchronously, so the server's log is read once the event loop runs again.
   */
  request(re: RegExp): Promise<string | undefined>;
}

async function startServer(dir: string): Promise<Server> {
  const proc = spawn(process.execPath, [SERVER, '--dir', dir, '--port', '0', '--token', WRITE_TOKEN, '--read-token', READ_TOKEN], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stderr!.on('data', (c) => (log += c));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).url);
    });
    proc.once('exit', (code) => reject(new Error(`the cache server exited ${code}: ${log}`)));
  });
  const request = async (re: RegExp): Promise<string | undefined> => {
    const end = Date.now() + 5000;
    for (;;) {
      const line = log.split('\n').find((l) => re.test(l));
      if (line || Date.now() > end) return line;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { proc, url, request };
}

function request(url: string, method: string, token?: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("Nx's self-hosted remote cache shared by two clones", () => {
  let store: string;
  let server: Server;
  let a: string;
  let b: string;
  const env = (token: string): Record<string, string> => ({
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
  });

  beforeAll(async () => {
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-remote-cache-'));
    server = await startServer(store);
    a = copySample('cache-a');
    b = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-cache-b-'));
    git(os.tmpdir(), 'clone', '-q', a, b);
    fs.symlinkSync(stagedNodeModules(), path.join(b, 'node_modules'));
  });

  afterAll(() => {
    server?.proc.kill('SIGTERM');
    [store, a, b].forEach(removeDir);
  });

  it('the fixture server answers as the specification says', async () => {
    const u = `${server.url}/v1/cache/e2eprobe`;
    expect((await request(u, 'GET')).status).toBe(401);
    expect((await request(u, 'PUT', 'wrong', 'x')).status).toBe(401);
    expect((await request(u, 'GET', READ_TOKEN)).status).toBe(404);
    expect((await request(u, 'PUT', READ_TOKEN, 'x')).status).toBe(403);
    expect((await request(u, 'PUT', WRITE_TOKEN, 'artifact')).status).toBe(200);
    expect((await request(u, 'PUT', WRITE_TOKEN, 'other')).status).toBe(409);
    expect(await request(u, 'GET', READ_TOKEN)).toEqual({ status: 200, body: 'artifact' });
  });

  it('clone A builds kubelet and uploads it; clone B (read-only token) gets it without starting a container', async () => {
    expect(git(b, 'rev-parse', 'HEAD')).toBe(git(a, 'rev-parse', 'HEAD'));
    expect(path.resolve(a)).not.toBe(path.resolve(b));

    nxOk(a, ['run', 'kubelet:build:linux-amd64', '--output-style=static'], env(WRITE_TOKEN));
    expect(binaryKind(kubelet(a))).toBe('ELF x86-64');
    const put = await server.request(/^PUT \/v1\/cache\/\d+ 200 /);
    expect(put).toBeDefined();
    const hash = put!.split(' ')[1].split('/').pop();

    const { result, created } = await countingContainers(
      () => nxOk(b, ['run', 'kubelet:build:linux-amd64', '--output-style=static'], env(READ_TOKEN)),
      b,
    );
    expect(created).toEqual([]);
    expect(result.output).toMatch(/remote cache/);
    // Same task hash in both clones: B asked for exactly what A stored.
    expect(await server.request(new RegExp(`^GET /v1/cache/${hash} 200 `))).toBeDefined();
    expect(sha256(kubelet(b))).toBe(sha256(kubelet(a)));
  });
});
