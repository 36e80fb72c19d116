import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { ExecutorContext } from '@nx/devkit';
import { listTarGz } from '../shared/archive/tar.spec-helpers';
import releaseExecutor, { runRelease } from './executor';
import type { ReleaseDeps } from './lib/deps';
import type { ReleaseExecutorOptions } from './types';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'a',
  GIT_AUTHOR_EMAIL: 'a@example.com',
  GIT_COMMITTER_NAME: 'a',
  GIT_COMMITTER_EMAIL: 'a@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'pipe' });

function write(file: string, body: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
}

const options = (): ReleaseExecutorOptions => ({
  moduleRoot: 'workspace',
  name: 'kubernetes',
  groups: {
    server: { binaries: [{ project: 'kube-apiserver', name: 'kube-apiserver' }], platforms: ['linux/amd64', 'linux/arm64'] },
    node: { binaries: [{ project: 'kubelet', name: 'kubelet' }], platforms: ['linux/amd64'] },
    client: { binaries: [{ project: 'kubectl', name: 'kubectl' }], platforms: ['linux/amd64', 'linux/arm64', 'windows/amd64'] },
  },
  testProjects: ['pkg-util', 'kubelet'],
  runTests: true,
});

/** Stands in for nested nx: a build writes `<name> <os>/<arch>` where the build target would. */
function fakeNx(root: string, fail: { test?: number; build?: string; skipWrite?: string; image?: number } = {}) {
  const calls: string[][] = [];
  const run = async (workspaceRoot: string, args: string[]) => {
    expect(workspaceRoot).toBe(root);
    calls.push(args);
    const opt = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
    if (opt('targets') === 'test') return fail.test ?? 0;
    const conf = opt('configuration')!;
    if (conf === fail.build) return 1;
    const [os, arch] = conf.split('-');
    if (opt('targets') === 'image') {
      if (fail.image) return fail.image;
      for (const p of opt('projects')!.split(',')) {
        write(path.join(root, 'workspace/_output/release-images', arch, `${p}.tar`), `${p} image ${arch}`);
        write(path.join(root, 'workspace/_output/release-images', arch, `${p}.docker_tag`), 'v1.30.0\n');
      }
      return 0;
    }
    for (const p of opt('projects')!.split(',')) {
      if (p === fail.skipWrite) continue;
      const file = path.join(root, 'workspace/_output/dockerized/bin', os, arch, p + (os === 'windows' ? '.exe' : ''));
      write(file, `${p} ${os}/${arch}`);
      chmodSync(file, 0o700);
    }
    return 0;
  };
  return { calls, run };
}

describe('release', () => {
  let root: string;
  let logs: string[];
  const deps = (run: ReleaseDeps['runNx'], env: NodeJS.ProcessEnv = {}, extra: Partial<ReleaseDeps> = {}): ReleaseDeps => ({
    runNx: run,
    readVersionInfo: async () => ({ gitVersion: 'v1.30.0', epoch: 1700000000, buildDate: '2023-11-14T22:13:20Z' }),
    env,
    log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`) },
    host: { os: 'linux', arch: 'amd64' },
    ...extra,
  });
  const releaseTars = () => path.join(root, 'workspace/_output/release-tars');
  const stage = () => path.join(root, 'workspace/_output/release-stage');

  beforeEach(() => {
    logs = [];
    root = mkdtempSync(path.join(tmpdir(), 'release-'));
    git(root, 'init', '-q', '-b', 'main');
    write(path.join(root, '.gitignore'), '_output/\n');
    write(path.join(root, 'workspace/README.md'), '# Kubernetes\n');
    write(path.join(root, 'workspace/go.mod'), 'module k8s.io/kubernetes\n');
    write(path.join(root, 'workspace/cmd/kubelet/main.go'), 'package main\n');
    write(path.join(root, 'workspace/LICENSE'), 'Apache License\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs tests, builds each platform, and publishes tarballs with checksums', async () => {
    const nx = fakeNx(root);
    const outcome = await runRelease(options(), root, deps(nx.run));

    expect(nx.calls).toEqual([
      ['run-many', '--targets=test', '--projects=pkg-util,kubelet'],
      ['run-many', '--targets=build', '--projects=kube-apiserver,kubectl,kubelet', '--configuration=linux-amd64'],
      ['run-many', '--targets=build', '--projects=kube-apiserver,kubectl', '--configuration=linux-arm64'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=windows-amd64'],
    ]);
    const tarballs = [
      'kubernetes-client-linux-amd64.tar.gz',
      'kubernetes-client-linux-arm64.tar.gz',
      'kubernetes-client-windows-amd64.tar.gz',
      'kubernetes-node-linux-amd64.tar.gz',
      'kubernetes-server-linux-amd64.tar.gz',
      'kubernetes-server-linux-arm64.tar.gz',
      'kubernetes-src.tar.gz',
      'kubernetes.tar.gz',
    ];
    expect(readdirSync(releaseTars()).sort()).toEqual(
      [...tarballs, ...tarballs.flatMap((t) => [`${t}.sha256`, `${t}.sha512`]), 'SHA256SUMS', 'SHA512SUMS'].sort(),
    );
    expect(existsSync(stage())).toBe(false);

    execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: releaseTars(), stdio: 'pipe' });
    execFileSync('sha512sum', ['-c', '--strict', 'SHA512SUMS'], { cwd: releaseTars(), stdio: 'pipe' });
    execFileSync('sha256sum', ['-c', '--strict', 'kubernetes.tar.gz.sha256'], { cwd: releaseTars(), stdio: 'pipe' });

    const server = await listTarGz(path.join(releaseTars(), 'kubernetes-server-linux-arm64.tar.gz'), { withBodies: true });
    const src = readFileSync(path.join(releaseTars(), 'kubernetes-src.tar.gz'));
    const LICENSE =
      `${'='.repeat(80)}\n= kubernetes licensed under: =\n\nApache License\n\n= LICENSE ${createHash('md5').update('Apache License\n').digest('hex')}\n${'='.repeat(80)}\n`;
    expect(server.map((e) => [e.name, e.mode.toString(8), e.body?.equals(src) ? '<src>' : e.body?.toString()])).toEqual([
      ['kubernetes/', '755', ''],
      ['kubernetes/LICENSES/', '755', ''],
      ['kubernetes/LICENSES/LICENSE', '644', LICENSE],
      ['kubernetes/addons/', '755', ''],
      ['kubernetes/kubernetes-src.tar.gz', '644', '<src>'],
      ['kubernetes/server/', '755', ''],
      ['kubernetes/server/bin/', '755', ''],
      ['kubernetes/server/bin/kube-apiserver', '755', 'kube-apiserver linux/arm64'],
      ['kubernetes/server/bin/kubectl', '755', 'kubectl linux/arm64'],
    ]);
    const node = await listTarGz(path.join(releaseTars(), 'kubernetes-node-linux-amd64.tar.gz'));
    expect(node.map((e) => e.name)).toEqual([
      'kubernetes/',
      'kubernetes/LICENSES/',
      'kubernetes/LICENSES/LICENSE',
      'kubernetes/kubernetes-src.tar.gz',
      'kubernetes/node/',
      'kubernetes/node/bin/',
      'kubernetes/node/bin/kubectl',
      'kubernetes/node/bin/kubelet',
    ]);
    expect(server.every((e) => e.mtime === 1700000000)).toBe(true);
    const win = await listTarGz(path.join(releaseTars(), 'kubernetes-client-windows-amd64.tar.gz'));
    expect(win.map((e) => e.name)).toContain('kubernetes/client/bin/kubectl.exe');

    const main = await listTarGz(path.join(releaseTars(), 'kubernetes.tar.gz'), { withBodies: true });
    expect(main.map((e) => [e.name, e.body?.toString()])).toEqual([
      ['kubernetes/', ''],
      ['kubernetes/LICENSES/', ''],
      ['kubernetes/LICENSES/LICENSE', LICENSE],
      ['kubernetes/README.md', '# Kubernetes\n'],
      ['kubernetes/version', 'v1.30.0\n'],
    ]);
    const srcList = await listTarGz(path.join(releaseTars(), 'kubernetes-src.tar.gz'));
    expect(srcList.map((e) => e.name)).toEqual([
      'kubernetes/',
      'kubernetes/LICENSE',
      'kubernetes/README.md',
      'kubernetes/cmd/',
      'kubernetes/cmd/kubelet/',
      'kubernetes/cmd/kubelet/main.go',
      'kubernetes/go.mod',
    ]);
    expect(logs).toContain('info: Source tarball taken from the committed tree (clean).');
    expect(logs.filter((l) => l.startsWith('warn: '))).toEqual([
      'warn: No kubernetes-manifests.tar.gz: the module has none of cluster/gce/manifests, cluster/gce/gci or addon manifests in cluster/addons (package_kube_manifests_tarball).',
      'warn: No kubernetes-test-portable.tar.gz: the module has none of test/images, test/e2e/testing-manifests, test/kubemark, hack/lib or the hack/ e2e scripts (KUBE_TEST_PORTABLE).',
    ]);

    const serverBytes = readFileSync(path.join(releaseTars(), 'kubernetes-server-linux-amd64.tar.gz'));
    expect(outcome.dir).toBe(releaseTars());
    expect(outcome.files.find((f) => f.file === 'kubernetes-server-linux-amd64.tar.gz')).toEqual({
      file: 'kubernetes-server-linux-amd64.tar.gz',
      size: serverBytes.length,
      sha256: createHash('sha256').update(serverBytes).digest('hex'),
    });
    expect(outcome.files.map((f) => f.file)).toEqual(tarballs);
  });

  it('writes byte-identical tarballs when released twice', async () => {
    await runRelease(options(), root, deps(fakeNx(root).run));
    const first = readFileSync(path.join(releaseTars(), 'SHA512SUMS'), 'utf8');
    await runRelease(options(), root, deps(fakeNx(root).run));
    expect(readFileSync(path.join(releaseTars(), 'SHA512SUMS'), 'utf8')).toBe(first);
  });

  describe('leaves the previous release untouched when', () => {
    beforeEach(() => write(path.join(releaseTars(), 'old.tar.gz'), 'previous release'));
    const untouched = () => {
      expect(readdirSync(releaseTars())).toEqual(['old.tar.gz']);
      expect(existsSync(stage())).toBe(false);
    };

    it('tests fail, and builds nothing', async () => {
      const nx = fakeNx(root, { test: 2 });
      await expect(runRelease(options(), root, deps(nx.run))).rejects.toThrow(
        new Error(
          'Tests failed (nx run-many --targets=test --projects=pkg-util,kubelet exited with 2); fix them, or set KUBE_RELEASE_RUN_TESTS=n to release without them.',
        ),
      );
      expect(nx.calls).toHaveLength(1);
      untouched();
    });

    it('a platform fails to build', async () => {
      await expect(runRelease(options(), root, deps(fakeNx(root, { build: 'linux-arm64' }).run))).rejects.toThrow(
        new Error(
          'Building for linux/arm64 failed (nx run-many --targets=build --projects=kube-apiserver,kubectl --configuration=linux-arm64 exited with 1); fix the build and release again.',
        ),
      );
      untouched();
    });

    it('a build leaves no binary behind', async () => {
      await expect(runRelease(options(), root, deps(fakeNx(root, { skipWrite: 'kubelet' }).run))).rejects.toThrow(
        new Error(
          'kubelet was built but workspace/_output/dockerized/bin/linux/amd64/kubelet does not exist; its build target must write the binary there.',
        ),
      );
      untouched();
    });

    it('packaging fails after the binary tarballs were written', async () => {
      const opts = { ...options(), readme: 'workspace/MISSING.md' };
      await expect(runRelease(opts, root, deps(fakeNx(root).run))).rejects.toThrow(
        new Error('readme "workspace/MISSING.md" is not a file; point the option at the README to ship.'),
      );
      untouched();
    });

    it('the run is interrupted', async () => {
      const controller = new AbortController();
      const nx = fakeNx(root);
      const run: ReleaseDeps['runNx'] = async (r, args) => {
        const code = await nx.run(r, args);
        if (!args.includes('--configuration=windows-amd64')) return code;
        controller.abort();
        return 130;
      };
      await expect(runRelease(options(), root, deps(run, {}, { signal: controller.signal }))).rejects.toThrow(
        new Error('The release was interrupted; release-tars is unchanged.'),
      );
      untouched();
    });
  });

  it('skips tests when KUBE_RELEASE_RUN_TESTS=n', async () => {
    const nx = fakeNx(root);
    await runRelease(options(), root, deps(nx.run, { KUBE_RELEASE_RUN_TESTS: 'n' }));
    expect(nx.calls.map((c) => c[1])).toEqual(['--targets=build', '--targets=build', '--targets=build']);
    expect(logs).toContain('info: Skipping tests (runTests is false or KUBE_RELEASE_RUN_TESTS=n).');
  });

  it('packages only the host platform with hostOnly (quick-release)', async () => {
    const nx = fakeNx(root);
    const outcome = await runRelease({ ...options(), hostOnly: true, runTests: false }, root, deps(nx.run));
    expect(nx.calls).toEqual([['run-many', '--targets=build', '--projects=kube-apiserver,kubectl,kubelet', '--configuration=linux-amd64']]);
    expect(outcome.files.map((f) => f.file)).toEqual([
      'kubernetes-client-linux-amd64.tar.gz',
      'kubernetes-node-linux-amd64.tar.gz',
      'kubernetes-server-linux-amd64.tar.gz',
      'kubernetes-src.tar.gz',
      'kubernetes.tar.gz',
    ]);
  });

  it('builds the server images after the binaries and ships them in server/bin (release-images)', async () => {
    const nx = fakeNx(root);
    const opts = { ...options(), runTests: false, images: ['kube-apiserver', 'kubectl'] };
    await runRelease(opts, root, deps(nx.run));
    expect(nx.calls).toEqual([
      ['run-many', '--targets=build', '--projects=kube-apiserver,kubectl,kubelet', '--configuration=linux-amd64'],
      ['run-many', '--targets=build', '--projects=kube-apiserver,kubectl', '--configuration=linux-arm64'],
      ['run-many', '--targets=build', '--projects=kubectl', '--configuration=windows-amd64'],
      ['run-many', '--targets=image', '--projects=kube-apiserver,kubectl', '--configuration=linux-amd64'],
      ['run-many', '--targets=image', '--projects=kube-apiserver,kubectl', '--configuration=linux-arm64'],
    ]);
    const server = await listTarGz(path.join(releaseTars(), 'kubernetes-server-linux-arm64.tar.gz'), { withBodies: true });
    expect(server.filter((e) => e.name.startsWith('kubernetes/server/')).map((e) => [e.name, e.mode.toString(8), e.body?.toString()])).toEqual([
      ['kubernetes/server/', '755', ''],
      ['kubernetes/server/bin/', '755', ''],
      ['kubernetes/server/bin/kube-apiserver', '755', 'kube-apiserver linux/arm64'],
      ['kubernetes/server/bin/kube-apiserver.docker_tag', '644', 'v1.30.0\n'],
      ['kubernetes/server/bin/kube-apiserver.tar', '644', 'kube-apiserver image arm64'],
      ['kubernetes/server/bin/kubectl', '755', 'kubectl linux/arm64'],
      ['kubernetes/server/bin/kubectl.docker_tag', '644', 'v1.30.0\n'],
      ['kubernetes/server/bin/kubectl.tar', '644', 'kubectl image arm64'],
    ]);
    const client = await listTarGz(path.join(releaseTars(), 'kubernetes-client-linux-arm64.tar.gz'));
    expect(client.map((e) => e.name)).toEqual(['kubernetes/', 'kubernetes/client/', 'kubernetes/client/bin/', 'kubernetes/client/bin/kubectl']);
  });

  it('builds images for the host platform only with hostOnly (quick-release-images)', async () => {
    const nx = fakeNx(root);
    await runRelease({ ...options(), hostOnly: true, runTests: false, images: ['kube-apiserver'] }, root, deps(nx.run));
    expect(nx.calls.map((c) => c.join(' '))).toEqual([
      'run-many --targets=build --projects=kube-apiserver,kubectl,kubelet --configuration=linux-amd64',
      'run-many --targets=image --projects=kube-apiserver --configuration=linux-amd64',
    ]);
  });

  it('fails naming the platform when an image fails, and leaves release-tars as it was', async () => {
    write(path.join(releaseTars(), 'old.tar.gz'), 'previous release');
    const opts = { ...options(), runTests: false, images: ['kube-apiserver'] };
    await expect(runRelease(opts, root, deps(fakeNx(root, { image: 1 }).run))).rejects.toThrow(
      new Error(
        'Building the images for linux/amd64 failed (nx run-many --targets=image --projects=kube-apiserver --configuration=linux-amd64 exited with 1); fix the image target and release again.',
      ),
    );
    expect(readdirSync(releaseTars())).toEqual(['old.tar.gz']);
  });

  it('packs the working tree into the src tarball when the module has changes', async () => {
    write(path.join(root, 'workspace/cmd/kubelet/new.go'), 'package main\n');
    await runRelease({ ...options(), runTests: false }, root, deps(fakeNx(root).run));
    const src = await listTarGz(path.join(releaseTars(), 'kubernetes-src.tar.gz'));
    expect(src.map((e) => e.name)).toContain('kubernetes/cmd/kubelet/new.go');
    expect(src.map((e) => e.name).filter((n) => n.includes('_output'))).toEqual([]);
    expect(logs).toContain('info: Source tarball taken from the working tree (not clean).');
  });

  it('refuses to release without a version', async () => {
    const d = deps(fakeNx(root).run, {}, { readVersionInfo: async () => ({ epoch: 0, buildDate: '1970-01-01T00:00:00Z' }) });
    await expect(runRelease(options(), root, d)).rejects.toThrow(
      new Error(`Cannot tell the release version of ${root}: it is not a git checkout; set KUBE_GIT_VERSION (e.g. v1.2.3).`),
    );
  });

  it('reports failure through the executor without starting nx', async () => {
    const context = { root, projectName: 'workspace', cwd: root, isVerbose: false } as unknown as ExecutorContext;
    await expect(releaseExecutor({ moduleRoot: 'nope' }, context)).resolves.toEqual({ success: false });
  });
});
