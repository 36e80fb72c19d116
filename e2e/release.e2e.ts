import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBinary } from './support/binaries';
import { docker } from './support/docker';
import { nx, nxOk } from './support/nx';
import { REPO_ROOT } from './support/paths';
import { copySample, git, removeDir } from './support/workspace';

const SERVER = ['apiextensions-apiserver', 'kube-aggregator', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubeadm', 'kubelet'];
/** Where kube-proxy's build writes for linux-amd64, set in its project.json as a user would: release and its image must read it there. */
const CUSTOM_PROXY = '_output/custom/kube-proxy';
/** Binaries whose image (<binary>.tar and <binary>.docker_tag) ships next to them in server/bin, as release.sh does. */
const IMAGES = ['kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'kubectl'];

const tarList = (file: string): string[] => execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
const tarRead = (file: string, member: string): Buffer => execFileSync('tar', ['xzOf', file, member], { maxBuffer: 1 << 28 });
const dirEntries = (prefix: string, bins: string[]) => [
  'kubernetes/',
  ...prefix.split('/').map((_, i, a) => `kubernetes/${a.slice(0, i + 1).join('/')}/`),
  ...bins.map((b) => `kubernetes/${prefix}/${b}`),
];
/** `tar tzf` of a tarball holding `paths` under kubernetes/ (a trailing "/" marks a dir): each parent dir listed too, sorted. */
const members = (paths: string[]): string[] => {
  const out = new Set(['kubernetes/']);
  for (const p of paths) {
    const parts = `kubernetes/${p}`.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out.add(`${parts.slice(0, i).join('/')}/`);
    out.add(`kubernetes/${p}`);
  }
  return [...out].sort();
};

// What build/lib/release.sh puts into each tarball, applied by hand to the files of workspace/ (README, "Kubernetes release layout").
const LICENSES = ['LICENSES/LICENSE', 'LICENSES/vendor/sigs.k8s.io/yaml/LICENSE'];
const BESIDE_BINARIES = [...LICENSES, 'kubernetes-src.tar.gz'];
const CLUSTER = [
  'cluster/addons/README.md',
  'cluster/addons/dns/coredns/coredns.yaml.in',
  'cluster/addons/metrics-server/demo-load.yaml',
  'cluster/addons/metrics-server/metrics-server-service.yaml',
  'cluster/gce/gci/configure-helper.sh',
  'cluster/gce/gci/health-monitor.sh',
  'cluster/gce/manifests/abac-authz-policy.jsonl',
  'cluster/gce/manifests/etcd.manifest',
  'cluster/gce/manifests/kube-apiserver.manifest',
  'cluster/gce/manifests/kube-proxy.manifest',
  'cluster/get-kube-binaries.sh',
  'cluster/kube-up.sh',
];
const HACK_LIB = ['hack/lib/init.sh', 'hack/lib/logging.sh'];
const LAYOUT: Record<string, string[]> = {
  'kubernetes-server-linux-amd64.tar.gz': [
    ...[...SERVER, 'kubectl', ...IMAGES.flatMap((b) => [`${b}.tar`, `${b}.docker_tag`])].map((b) => `server/bin/${b}`),
    'addons/',
    ...BESIDE_BINARIES,
  ],
  'kubernetes-node-linux-amd64.tar.gz': [...['kube-proxy', 'kubeadm', 'kubectl', 'kubelet'].map((b) => `node/bin/${b}`), ...BESIDE_BINARIES],
  'kubernetes-client-linux-amd64.tar.gz': ['client/bin/kubectl'],
  'kubernetes-test-linux-amd64.tar.gz': ['test/bin/e2e.test', 'test/bin/kubemark'],
  'kubernetes-test-portable.tar.gz': ['test/images/image-util.sh', 'test/kubemark/start-kubemark.sh', 'hack/ginkgo-e2e.sh', ...HACK_LIB],
  'kubernetes-manifests.tar.gz': [
    'gci-trusty/kube-proxy.manifest',
    'gci-trusty/etcd.manifest',
    'gci-trusty/kube-apiserver.manifest',
    'gci-trusty/abac-authz-policy.jsonl',
    'gci-trusty/gci-configure-helper.sh',
    'gci-trusty/health-monitor.sh',
    'gci-trusty/dns/coredns/coredns.yaml.in',
    'gci-trusty/metrics-server/metrics-server-service.yaml',
  ],
  'kubernetes.tar.gz': [
    'client/README',
    ...CLUSTER,
    'server/kubernetes-manifests.tar.gz',
    'server/README',
    ...HACK_LIB,
    'docs/package-layout.md',
    'README.md',
    ...LICENSES,
    'version',
  ],
};

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
    const tarballs = [...Object.keys(LAYOUT), 'kubernetes-src.tar.gz'].sort();
    expect(files).toEqual(
      [...tarballs, ...tarballs.map((t) => `${t}.sha256`), ...tarballs.map((t) => `${t}.sha512`), 'SHA256SUMS', 'SHA512SUMS'].sort(),
    );
    expect(fs.existsSync(path.join(ws, '_output/release-stage'))).toBe(false);
  });

  it('the README\'s "Kubernetes release layout" table names exactly the tarballs checked here', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Kubernetes release layout'));
    const rows = [...table.slice(0, table.indexOf('\n\n', table.indexOf('| ---'))).matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
    const named = rows.map((r) => r.replace('<name>', 'kubernetes').replace('<os>-<arch>', 'linux-amd64'));
    expect(named.sort()).toEqual([...Object.keys(LAYOUT), 'kubernetes-src.tar.gz'].sort());
  });

  it('each tarball holds exactly the Kubernetes layout', () => {
    const lists = Object.fromEntries([...Object.keys(LAYOUT), 'kubernetes-src.tar.gz'].map((f) => [f, tarList(path.join(tars, f))]));
    for (const [file, paths] of Object.entries(LAYOUT)) expect([file, [...lists[file]].sort()]).toEqual([file, members(paths)]);
    expect(lists['kubernetes-client-linux-amd64.tar.gz']).toEqual(dirEntries('client/bin', ['kubectl']));
    // The src and manifests tarballs inside are the ones published beside them (the server's: below, where it is unpacked).
    const src = fs.readFileSync(path.join(tars, 'kubernetes-src.tar.gz'));
    expect(tarRead(path.join(tars, 'kubernetes-node-linux-amd64.tar.gz'), 'kubernetes/kubernetes-src.tar.gz').equals(src)).toBe(true);
    const manifests = fs.readFileSync(path.join(tars, 'kubernetes-manifests.tar.gz'));
    expect(tarRead(path.join(tars, 'kubernetes.tar.gz'), 'kubernetes/server/kubernetes-manifests.tar.gz').equals(manifests)).toBe(true);
    // LICENSES/ is the sample's own dir, byte for byte; scripts keep their x bit.
    expect(tarRead(path.join(tars, 'kubernetes.tar.gz'), 'kubernetes/LICENSES/LICENSE').equals(fs.readFileSync(path.join(ws, 'LICENSES/LICENSE')))).toBe(true);
    const modes = execFileSync('tar', ['tvzf', path.join(tars, 'kubernetes.tar.gz')], { encoding: 'utf8' });
    expect(modes).toMatch(/^-rwxr-xr-x 0\/0 .* kubernetes\/cluster\/kube-up\.sh$/m);
    expect(modes).toMatch(/^-rw-r--r-- 0\/0 .* kubernetes\/cluster\/addons\/README\.md$/m);
    const srcList = lists['kubernetes-src.tar.gz'];
    expect(srcList).toEqual(expect.arrayContaining(['kubernetes/go.mod', 'kubernetes/cmd/kubelet/', 'kubernetes/vendor/modules.txt']));
    expect(srcList.filter((e) => /(^|\/)(_output|\.git|node_modules|\.nx)(\/|$)/.test(e))).toEqual([]);
    expect(Object.values(lists).flat().filter((e) => e.startsWith('/') || e.split('/').includes('..'))).toEqual([]);
  });

  it('the binaries inside run and the checksum lists verify', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-untar-'));
    try {
      execFileSync('tar', ['xzf', path.join(tars, 'kubernetes-server-linux-amd64.tar.gz'), '-C', tmp]);
      expect(runBinary(path.join(tmp, 'kubernetes/server/bin/kube-apiserver'), ['--version'])).toBe('Kubernetes v1.31.0-alpha.0');
      expect(runBinary(path.join(tmp, 'kubernetes/server/bin/kubectl'), [])).toBe('kubectl');
      expect(fs.readFileSync(path.join(tmp, 'kubernetes/kubernetes-src.tar.gz')).equals(fs.readFileSync(path.join(tars, 'kubernetes-src.tar.gz')))).toBe(true);
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
