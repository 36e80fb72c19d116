import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { imageInputs } from './inputs';

/** Runs the runtime input as Nx does: a shell command in the workspace root. */
function runtimeOf(dockerfile: string, cwd: string): string {
  const input = imageInputs(dockerfile).find((i): i is { runtime: string } => typeof i !== 'string' && 'runtime' in i);
  if (!input) throw new Error('no runtime input');
  return execSync(input.runtime, { cwd, encoding: 'utf8', shell: '/bin/sh' });
}

describe('imageInputs', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-'));
    fs.mkdirSync(path.join(root, "build/it's"), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('globs the definition folder for Nx and checksums it from disk, ignored by git or not', () => {
    expect(imageInputs("build/it's/Dockerfile")[0]).toBe("{workspaceRoot}/build/it's/**/*");
    fs.writeFileSync(path.join(root, "build/it's/Dockerfile"), 'FROM scratch\n');
    const before = runtimeOf("build/it's/Dockerfile", root);
    expect(before).toContain('Dockerfile');
    fs.writeFileSync(path.join(root, "build/it's/extra.sh"), 'echo\n');
    const added = runtimeOf("build/it's/Dockerfile", root);
    expect(added).not.toBe(before);
    fs.writeFileSync(path.join(root, "build/it's/Dockerfile"), 'FROM scratch\nENV A=1\n');
    expect(runtimeOf("build/it's/Dockerfile", root)).not.toBe(added);
  });

  it('checksums a definition at the module root alone, and tolerates a missing one', () => {
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\n');
    const one = runtimeOf('Dockerfile', root);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM scratch\nENV A=1\n');
    expect(runtimeOf('Dockerfile', root)).not.toBe(one);
    expect(runtimeOf('gone/Dockerfile', root)).toBe('');
  });
});
