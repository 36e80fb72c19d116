import * as fs from 'fs';
import * as path from 'path';
import { nx, nxOk } from './support/nx';
import { copySample, git, removeDir } from './support/workspace';

describe('go-test: go test in the kube-build container', () => {
  let ws: string;
  beforeAll(() => {
    ws = copySample('test');
  });
  afterAll(() => removeDir(ws));

  it('runs a package test and streams go test output', () => {
    const r = nxOk(ws, ['run', 'k8s.io/kubernetes/pkg/util/hash:test', '--output-style=static']);
    expect(r.output).toMatch(/ok\s+k8s\.io\/kubernetes\/pkg\/util\/hash/);
  });

  it('shows a failing test and fails the task', () => {
    const file = path.join(ws, 'pkg/util/hash/zz_fail_test.go');
    fs.writeFileSync(file, 'package hash\n\nimport "testing"\n\nfunc TestBroken(t *testing.T) { t.Fatal("broken on purpose") }\n');
    try {
      const r = nx(ws, ['run', 'k8s.io/kubernetes/pkg/util/hash:test', '--output-style=static']);
      expect(r.output).toContain('--- FAIL: TestBroken');
      expect(r.code).not.toBe(0);
      expect(r.output).toContain('broken on purpose');
    } finally {
      fs.rmSync(file);
    }
  });

  it('nx affected -t test runs only the tests a change reaches', () => {
    fs.appendFileSync(path.join(ws, 'pkg/kubectl/describe/describe.go'), '\n// touched\n');
    git(ws, 'commit', '-qam', 'touch describe');
    const r = nx(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--withTarget', 'test']);
    const projects = r.stdout.split('\n').filter(Boolean);
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((p) => /kubectl/.test(p))).toBe(true);
    const run = nxOk(ws, ['affected', '-t', 'test', '--base=HEAD~1', '--head=HEAD', '--output-style=static']);
    for (const p of projects) expect(run.output).toContain(`nx run ${p}:test`);
    expect(run.output).not.toContain('pkg/kubelet');
  });
});
