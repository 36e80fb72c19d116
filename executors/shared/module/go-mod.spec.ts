import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { contextModFiles, contextNeedsModCache, readGoModFacts, readGoRequirement } from './go-mod';

describe('readGoModFacts', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-gomod-'));
    fs.mkdirSync(path.join(root, 'svc'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (text: string): void => fs.writeFileSync(path.join(root, 'svc', 'go.mod'), text);

  it('reads the module path and go directive', () => {
    write('// comment\nmodule k8s.io/kubernetes // trailing\n\ngo 1.22.0\n\ntoolchain go1.22.4\n\nrequire (\n\tk8s.io/api v0.0.0\n)\n');
    expect(readGoModFacts(root, path.join(root, 'svc'))).toEqual({ modulePath: 'k8s.io/kubernetes', goVersion: '1.22.0' });
  });

  it('accepts a quoted module path and no go line', () => {
    write('module "example.com/m"\n');
    expect(readGoModFacts(root, path.join(root, 'svc'))).toEqual({ modulePath: 'example.com/m' });
  });

  it('names the workspace-relative file and line of a malformed go.mod', () => {
    write('go 1.22\n');
    expect(() => readGoModFacts(root, path.join(root, 'svc'))).toThrow('svc/go.mod:1: missing module directive');
  });
});

describe('what go mod download reads, and the Go a context asks for', () => {
  let root: string;
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-ctx-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is go.mod and go.sum for a module, with its go and toolchain lines', () => {
    put('svc/go.mod', 'module example.com/svc\n\ngo 1.21\n\ntoolchain go1.23.9 // pinned\n');
    expect(contextModFiles(path.join(root, 'svc'))).toEqual(['go.mod', 'go.sum']);
    expect(readGoRequirement(root, path.join(root, 'svc'))).toEqual({ file: 'svc/go.mod', goVersion: '1.21', toolchain: 'go1.23.9' });
  });

  it("is go.work, go.work.sum and each used module's go.mod and go.sum in a workspace, whose lines win", () => {
    put('go.work', 'go 1.22\n\ntoolchain go1.22.4\n\nuse (\n\t./a\n\t./b/\n)\n');
    put('go.mod', 'module example.com/root\n\ngo 1.19\n');
    expect(contextModFiles(root)).toEqual(['go.work', 'go.work.sum', 'a/go.mod', 'a/go.sum', 'b/go.mod', 'b/go.sum']);
    expect(readGoRequirement(root, root)).toEqual({ file: 'go.work', goVersion: '1.22', toolchain: 'go1.22.4' });
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['a module requiring one from outside', { 'go.mod': 'module m\n\nrequire example.test/g v1.0.0\n' }, true],
    ['a module requiring nothing', { 'go.mod': 'module m\n\ngo 1.19\n' }, false],
    ['a require replaced by a local dir', { 'go.mod': 'module m\n\nrequire example.test/g v1.0.0\n\nreplace example.test/g => ./g\n' }, false],
    ['vendor/modules.txt', { 'go.mod': 'module m\n\nrequire example.test/g v1.0.0\n', 'vendor/modules.txt': '# example.test/g v1.0.0\n' }, false],
    ['a workspace of modules requiring each other', { 'go.work': 'go 1.22\n\nuse ./a\nuse ./b\n', 'a/go.mod': 'module a\n\nrequire b v0.0.0\n', 'b/go.mod': 'module b\n' }, false],
    ['a workspace module requiring one from outside', { 'go.work': 'go 1.22\n\nuse ./a\n', 'a/go.mod': 'module a\n\nrequire example.test/g v1.0.0\n' }, true],
    ['a go.mod that does not parse (Go reports it)', { 'go.mod': 'module m\n\nrequire (\n' }, true],
  ])('needs a module cache: %s → %s', (_n, files, want) => {
    for (const [rel, text] of Object.entries(files)) put(rel, text);
    expect(contextNeedsModCache(root, root)).toBe(want);
  });

  it('is undefined without go.mod or go.work', () => {
    expect(readGoRequirement(root, root)).toBeUndefined();
  });
});
