import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readGoModFacts } from './go-mod';

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
