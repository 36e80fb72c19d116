import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { docker } from './support/docker';
import { nx, nxOk } from './support/nx';
import { copySample, git, removeDir } from './support/workspace';

const SERVER = ['apiextensions-apiserver', 'kube-aggregator', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubeadm', 'kubelet'];
/** Where kube-proxy's build writes for linux-amd64, set in its project.json as a user would: release and its image must read it there. */
const CUSTOM_PROXY = '_output/custom/kube-proxy';
/** Binaries whose image (<binary>.tar and <binary>.docker_tag) ships next to them in server/bin, as release.sh does. */
const IMAGES = ['kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubectl'];

const tarList = (file: string): string[] => execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
const dirEntries = (prefix: string, bins: string[]) => [
  'kubernetes/',
  ...prefix.split('/').map((_, i, a) => `kubernetes/${a.slice(0, i + 1).join('/')}/`),
  ...bins.map((b) => `kubernetes/${prefix}/${b}`),
];

describe('release on a copy of workspace/', () => {
  let ws: string;
  let tars: string;
  const snapshot = () =>
    Object.fromEntries(fs.readdirSync(tars).sort().map((f) => [f, fs.readFileSync(path.join(tars, f)).toString('base64')]));
  beforeAll(() => {
    ws = copySample('release');
    const build = { configurations: { 'linux-amd64': { outputPath: CUSTOM_PROXY } } };
    fs.writeFileSync(path.join(ws, 'cmd/kube-proxy/project.json'), JSON.stringify({ name: 'kube-proxy', targets: { build } }));
    git(ws, 'add', '-A');
    git(ws, 'commit', '-q', '--amend', '--no-edit');
    git(ws, 'tag', '-f', 'v1.31.0-alpha.0');
    tars = path.join(ws, '_output/release-tars');
  });
  afterAll(async () => {
    removeDir(ws);
    // The image step leaves its tags in the engine, as make release-images does.
    for (const b of IMAGES) await docker.getImage(`registry.k8s.io/${b}-amd64:v1.31.0-alpha.0`).remove({ force: true }).catch(() => undefined);
  });

  it('quick release writes the Kubernetes tarballs for the host platform with checksums', () => {
    nxOk(ws, ['run-many', '-t', 'release', '-c', 'quick']);
    const files = fs.readdirSync(tars).sort();
    const tarballs = [
      'kubernetes-client-linux-amd64.tar.gz',
      'kubernetes-node-linux-amd64.tar.gz',
      'kubernetes-server-linux-amd64.tar.gz',
      'kubernetes-src.tar.gz',
      'kubernetes-test-linux-amd64.tar.gz',
      'kubernetes.tar.gz',
    ];
    expect(files).toEqual(
      [...tarballs, ...tarballs.map((t) => `${t}.sha256`), ...tarballs.map((t) => `${t}.sha512`), 'SHA256SUMS', 'SHA512SUMS'].sort(),
    );
    expect(fs.existsSync(path.join(ws, '_output/release-stage'))).toBe(false);
  });

  it('each tarball holds exactly the Kubernetes layout', () => {
    expect(tarList(path.join(tars, 'kubernetes-server-linux-amd64.tar.gz'))).toEqual(
      dirEntries('server/bin', [...SERVER, 'kubectl', ...IMAGES.flatMap((b) => [`${b}.tar`, `${b}.docker_tag`])].sort()),
    );
    expect(tarList(path.join(tars, 'kubernetes-node-linux-amd64.tar.gz'))).toEqual(dirEntries('node/bin', ['kube-proxy', 'kubeadm', 'kubelet']));
    expect(tarList(path.join(tars, 'kubernetes-client-linux-amd64.tar.gz'))).toEqual(dirEntries('client/bin', ['kubectl']));
    // The test group lists e2e.test (go test -c of test/e2e), test-server kubemark: one test tarball, as release.sh.
    expect(tarList(path.join(tars, 'kubernetes-test-linux-amd64.tar.gz'))).toEqual(dirEntries('test/bin', ['e2e.test', 'kubemark']));
    expect(tarList(path.join(tars, 'kubernetes.tar.gz'))).toEqual(['kubernetes/', 'kubernetes/README.md', 'kubernetes/version']);
    const src = tarList(path.join(tars, 'kubernetes-src.tar.gz'));
    expect(src).toEqual(expect.arrayContaining(['kubernetes/go.mod', 'kubernetes/cmd/kubelet/', 'kubernetes/vendor/modules.txt']));
    expect(src.filter((e) => /(^|\/)(_output|\.git|node_modules|\.nx)(\/|$)/.test(e))).toEqual([]);
    for (const e of src) expect(e.startsWith('/') || e.split('/').includes('..')).toBe(false);
  });

  it('the binaries inside run and the checksum lists verify', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-untar-'));
    try {
      execFileSync('tar', ['xzf', path.join(tars, 'kubernetes-server-linux-amd64.tar.gz'), '-C', tmp]);
      expect(runBinary(path.join(tmp, 'kubernetes/server/bin/kube-apiserver'), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
      expect(runBinary(path.join(tmp, 'kubernetes/server/bin/kubectl'), [])).toBe('kubectl');
      // Released from the build target's outputPath, and never built to the default path.
      expect(fs.readFileSync(path.join(tmp, 'kubernetes/server/bin/kube-proxy')).equals(fs.readFileSync(path.join(ws, CUSTOM_PROXY)))).toBe(true);
      expect(fs.existsSync(path.join(ws, '_output/dockerized/bin/linux/amd64/kube-proxy'))).toBe(false);
      expect(fs.readFileSync(path.join(tmp, 'kubernetes/server/bin/kube-proxy.docker_tag'), 'utf8')).toBe('v1.31.0-alpha.0\n');
      const manifest = execFileSync('tar', ['xOf', path.join(tmp, 'kubernetes/server/bin/kube-proxy.tar'), 'manifest.json'], { encoding: 'utf8' });
      expect(JSON.parse(manifest)[0].RepoTags).toEqual(['registry.k8s.io/kube-proxy-amd64:v1.31.0-alpha.0']);
      const layer = execFileSync('tar', ['xOf', path.join(tmp, 'kubernetes/server/bin/kube-proxy.tar'), JSON.parse(manifest)[0].Layers[0]], { maxBuffer: 1 << 28 });
      const inImage = execFileSync('tar', ['xOf', '-', 'usr/local/bin/kube-proxy'], { input: layer, maxBuffer: 1 << 28 });
      expect(inImage.equals(fs.readFileSync(path.join(ws, CUSTOM_PROXY)))).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: tars });
    execFileSync('sha512sum', ['-c', 'SHA512SUMS'], { cwd: tars });
    execFileSync('sha256sum', ['-c', 'kubernetes.tar.gz.sha256'], { cwd: tars });
    const version = execFileSync('tar', ['xzOf', path.join(tars, 'kubernetes.tar.gz'), 'kubernetes/version'], { encoding: 'utf8' });
    expect(version).toBe('v1.31.0-alpha.0\n');
  });

  it('a second quick release is byte-identical', () => {
    const first = snapshot();
    nxOk(ws, ['run-many', '-t', 'release', '-c', 'quick']);
    expect(snapshot()).toEqual(first);
  });

  it('a failing Go test fails the full release with its output and leaves release-tars as it was', () => {
    const before = snapshot();
    const file = path.join(ws, 'pkg/util/hash/zz_failing_test.go');
    fs.writeFileSync(
      file,
      'package hash\n\nimport "testing"\n\nfunc TestReleaseGate(t *testing.T) {\n\tt.Fatal("release gate: deliberate failure")\n}\n',
    );
    try {
      const r = nx(ws, ['run-many', '-t', 'release'], { KUBE_BUILD_PLATFORMS: 'linux/amd64' });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain('release gate: deliberate failure');
      expect(r.output).toContain('--- FAIL: TestReleaseGate');
      expect(snapshot()).toEqual(before);
      expect(fs.existsSync(path.join(ws, '_output/release-stage'))).toBe(false);
    } finally {
      fs.rmSync(file);
    }
  });
});
