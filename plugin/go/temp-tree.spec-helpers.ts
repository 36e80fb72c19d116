import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** File contents by relative path; `{ link: target }` makes a symlink. */
export type TreeSpec = Record<string, string | { link: string }>;

/** Writes a file tree into a new temporary directory and returns its path. */
export function makeTree(spec: TreeSpec): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gotree-'));
  writeTree(root, spec);
  return root;
}

export function writeTree(root: string, spec: TreeSpec): void {
  for (const [rel, content] of Object.entries(spec)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(abs, content);
    else fs.symlinkSync(content.link, abs);
  }
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A small Go file: package clause plus imports. */
export function goFile(pkg: string, ...imports: string[]): string {
  return `package ${pkg}\n\nimport (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n\nfunc f() {}\n`;
}

/**
 * A Kubernetes-shaped tree: a root module with staging modules replaced to
 * ./staging and symlinked from vendor/, one real vendored module with a
 * nested vendored module, a tools module nested in the root module.
 */
export function k8sLikeSpec(): TreeSpec {
  return {
    'go.mod': [
      'module k8s.io/kubernetes',
      '',
      'go 1.19',
      '',
      'require (',
      '\tgithub.com/foo/bar v1.0.0',
      '\tk8s.io/api v0.0.0',
      '\tk8s.io/client-go v0.0.0',
      ')',
      '',
      'replace (',
      '\tk8s.io/api => ./staging/src/k8s.io/api',
      '\tk8s.io/client-go => ./staging/src/k8s.io/client-go',
      ')',
      '',
    ].join('\n'),
    'vendor/modules.txt': [
      '# github.com/foo/bar v1.0.0',
      '## explicit; go 1.17',
      'github.com/foo/bar',
      'github.com/foo/bar/util',
      '# github.com/foo/bar/nested v0.1.0',
      'github.com/foo/bar/nested',
      '# k8s.io/api v0.0.0 => ./staging/src/k8s.io/api',
      '## explicit; go 1.19',
      'k8s.io/api/core/v1',
      '# k8s.io/client-go v0.0.0 => ./staging/src/k8s.io/client-go',
      '## explicit; go 1.19',
      'k8s.io/client-go/kubernetes',
      '',
    ].join('\n'),
    'vendor/github.com/foo/bar/bar.go': goFile('bar', 'fmt', 'github.com/foo/bar/util'),
    'vendor/github.com/foo/bar/util/util.go': goFile('util'),
    'vendor/github.com/foo/bar/nested/nested.go': goFile('nested'),
    'vendor/k8s.io/api': { link: '../../staging/src/k8s.io/api' },
    'vendor/k8s.io/client-go': { link: '../../staging/src/k8s.io/client-go' },
    'staging/src/k8s.io/api/go.mod': 'module k8s.io/api\n\ngo 1.19\n',
    'staging/src/k8s.io/api/core/v1/types.go': goFile('v1', 'github.com/foo/bar'),
    'staging/src/k8s.io/client-go/go.mod': [
      'module k8s.io/client-go',
      '',
      'require k8s.io/api v0.0.0',
      '',
      'replace k8s.io/api => ../api',
      '',
    ].join('\n'),
    'staging/src/k8s.io/client-go/kubernetes/client.go': goFile('kubernetes', 'context', 'k8s.io/api/core/v1'),
    'cmd/kubelet/kubelet.go': goFile('main', 'os', 'k8s.io/kubernetes/pkg/kubelet', 'k8s.io/client-go/kubernetes'),
    'pkg/kubelet/kubelet.go': goFile('kubelet', 'k8s.io/api/core/v1', 'github.com/foo/bar/util'),
    'pkg/kubelet/kubelet_test.go': goFile('kubelet', 'testing', 'github.com/foo/bar/nested'),
    'hack/tools/go.mod': 'module k8s.io/kubernetes/hack/tools\n\ngo 1.19\n',
    'hack/tools/gen/main.go': goFile('main', 'k8s.io/kubernetes/pkg/kubelet'),
  };
}
