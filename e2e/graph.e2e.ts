import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { nxOk } from './support/nx';
import { CLI_BIN } from './support/paths';
import { SAMPLE_BINARIES as BINARIES } from './support/sample';
import { copySample, git, removeDir } from './support/workspace';

const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

describe('project graph on a copy of workspace/', () => {
  let ws: string;
  beforeAll(() => {
    ws = copySample('graph');
  });
  afterAll(() => removeDir(ws));

  const affectedBinaries = () =>
    lines(nxOk(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--projects', 'tag:go:binary']).stdout);

  const commitChange = (file: string, text: string) => {
    fs.appendFileSync(path.join(ws, file), text);
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', `change ${file}`);
  };

  it('infers the ten binaries of workspace/', () => {
    expect(lines(nxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary']).stdout)).toEqual(BINARIES);
  });

  it('infers package, vendored module and module projects', () => {
    const all = lines(nxOk(ws, ['show', 'projects']).stdout);
    expect(all).toEqual(expect.arrayContaining(['kubernetes', 'k8s.io/kubernetes/pkg/kubelet', 'k8s.io/api/core/v1', 'sigs.k8s.io/yaml']));
    expect(lines(nxOk(ws, ['show', 'projects', '--projects', 'tag:go:vendor']).stdout)).toEqual(['sigs.k8s.io/yaml']);
    // vendor/k8s.io/* are symlinks into staging: no project under vendor/ for them.
    const api = JSON.parse(nxOk(ws, ['show', 'project', 'k8s.io/api/core/v1', '--json']).stdout);
    expect(api.root).toBe('staging/src/k8s.io/api/core/v1');
  });

  it('gives kubelet one build configuration per server and node platform', () => {
    const kubelet = JSON.parse(nxOk(ws, ['show', 'project', 'kubelet', '--json']).stdout);
    expect(kubelet.tags).toEqual(expect.arrayContaining(['go:binary', 'group:server', 'group:node']));
    expect(Object.keys(kubelet.targets.build.configurations).sort()).toEqual([
      'linux-amd64',
      'linux-arm64',
      'linux-ppc64le',
      'linux-s390x',
      'windows-amd64',
    ]);
    expect(kubelet.targets.build.defaultConfiguration).toBe('linux-amd64');
    expect(kubelet.targets.build.configurations['windows-amd64'].outputPath).toBe('_output/dockerized/bin/windows/amd64/kubelet.exe');
    expect(kubelet.targets.build.outputs).toEqual(['{options.outputPath}', '{options.localOutputPath}']);
  });

  it('keeps the graph the same under KUBE_BUILD_PLATFORMS and KUBE_FASTBUILD, so task hashes stay put', () => {
    const plain = nxOk(ws, ['show', 'project', 'kubelet', '--json']).stdout;
    expect(nxOk(ws, ['show', 'project', 'kubelet', '--json'], { KUBE_BUILD_PLATFORMS: 'linux/arm64' }).stdout).toBe(plain);
    expect(nxOk(ws, ['show', 'project', 'kubelet', '--json'], { KUBE_FASTBUILD: 'true' }).stdout).toBe(plain);
  });

  it('a change in a package only kubelet imports affects kubelet alone', () => {
    commitChange('pkg/kubelet/eviction/eviction_manager.go', '\n// touched\n');
    expect(affectedBinaries()).toEqual(['kubelet']);
  });

  it('a change in a package only kubectl imports affects kubectl alone', () => {
    commitChange('pkg/kubectl/describe/describe.go', '\n// touched\n');
    expect(affectedBinaries()).toEqual(['kubectl']);
  });

  it('test imports are edges: a package only a test imports affects the package whose test imports it', () => {
    commitChange('pkg/util/iptables/testing/fake.go', '\n// touched\n');
    const affected = lines(nxOk(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD']).stdout);
    // pkg/proxy/iptables reaches pkg/util/iptables/testing only through proxier_test.go; the
    // binaries above it count as affected too (an over-approximation, never a miss).
    expect(affected).toEqual(expect.arrayContaining(['k8s.io/kubernetes/pkg/proxy/iptables', 'kube-proxy', 'kubemark']));
    expect(affected).not.toContain('kubelet');
  });

  it('a change to a doc outside Go packages affects no binary', () => {
    commitChange('README.md', '\nmore words\n');
    expect(affectedBinaries()).toEqual([]);
  });

  it('a change to go.mod affects every binary', () => {
    commitChange('go.mod', '\n// touched\n');
    expect(affectedBinaries()).toEqual(BINARIES);
  });

  it('a change to vendor/modules.txt affects every binary', () => {
    commitChange('vendor/modules.txt', '\n');
    expect(affectedBinaries()).toEqual(BINARIES);
  });

  it('a change in a staging package reaches the binaries that import it through vendor/', () => {
    commitChange('staging/src/k8s.io/component-base/version/version.go', '\n// touched\n');
    expect(affectedBinaries()).toEqual(BINARIES);
  });

  it('why prints an import chain from the changed package to each affected binary', () => {
    const out = execFileSync(process.execPath, [CLI_BIN, 'why', 'pkg/kubelet/eviction/eviction_manager.go', 'README.md'], { cwd: ws, encoding: 'utf8' });
    expect(out).toContain('pkg/kubelet/eviction/eviction_manager.go: affects 1 binary');
    expect(out).toMatch(/ {2}kubelet: k8s\.io\/kubernetes\/pkg\/kubelet\/eviction -> .* -> kubelet/);
    expect(out).toContain('README.md: affects no binary');
  });
});
