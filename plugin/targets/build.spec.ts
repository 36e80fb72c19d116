/**
 * What lets a second clone take a binary from the remote cache: the build
 * target is cached, names the binary as its output, and is the same in every
 * clone, wherever it lies on disk.
 */
import { cleanupSpecs, gomod, loadSpec } from '../load.spec-helpers';
import { goFile } from '../go/temp-tree.spec-helpers';

afterAll(cleanupSpecs);

describe('the build target of a binary', () => {
  const tree = {
    'go.mod': gomod('k8s.io/kubernetes', '1.19'),
    'build/build-image/Dockerfile': 'FROM scratch\n',
    'cmd/kubelet/main.go': goFile('main', 'k8s.io/kubernetes/pkg/kubelet'),
    'pkg/kubelet/kubelet.go': goFile('kubelet'),
  };
  const a = loadSpec(tree, { defaultPlatforms: ['linux/amd64'] });
  const b = loadSpec(tree, { defaultPlatforms: ['linux/amd64'] });
  const target = (s: typeof a) => s.projects['cmd/kubelet'].targets!.build;

  it('is cached, with the binary of each configuration as its output', () => {
    const t = target(a);
    expect(t.cache).toBe(true);
    expect(t.outputs).toEqual(expect.arrayContaining(['{options.outputPath}']));
    expect(t.configurations!['linux-amd64']).toMatchObject({ platform: 'linux/amd64', outputPath: '_output/dockerized/bin/linux/amd64/kubelet' });
  });

  it('is the same in two clones at different paths and names neither path', () => {
    expect(a.root).not.toBe(b.root);
    expect(JSON.stringify(target(b))).toBe(JSON.stringify(target(a)));
    expect(JSON.stringify(target(a))).not.toContain(a.root);
  });
});
