import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, installInto, localNx, localNxOk, packOnce } from './support/pack';
import { REPO_ROOT } from './support/paths';
import { removeDir } from './support/workspace';

const tarList = (file: string): string[] =>
  execFileSync('tar', ['tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));

const tarRead = (file: string, member: string): string =>
  execFileSync('tar', ['xzOf', file, `package/${member}`], { encoding: 'utf8' });

describe('the npm package', () => {
  let tgz: string;
  let files: string[];
  beforeAll(() => {
    tgz = packOnce();
    files = tarList(tgz);
  });

  it('holds the compiled plugin, the manifests and every schema', () => {
    const schemas = (kind: string) =>
      fs
        .readdirSync(path.join(REPO_ROOT, kind), { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(REPO_ROOT, kind, d.name, 'schema.json')))
        .map((d) => `${kind}/${d.name}/schema.json`);
    expect(schemas('executors').length).toBeGreaterThan(0);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/plugin/index.js',
        'executors.json',
        'generators.json',
        ...schemas('executors'),
        ...schemas('generators'),
      ]),
    );
  });

  it('ships JavaScript only: no TypeScript source is needed at run time', () => {
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('resolves main, exports, bin, and every executor and generator it declares', () => {
    const pkg = JSON.parse(tarRead(tgz, 'package.json'));
    // Implementation paths name modules: `.js` is implied.
    const has = (p: string) => [path.posix.normalize(p), `${path.posix.normalize(p)}.js`].some((f) => files.includes(f));
    const declared: string[] = [pkg.main, pkg.executors, pkg.generators, ...Object.values<string>(pkg.exports), ...Object.values<string>(pkg.bin)];
    const executors = JSON.parse(tarRead(tgz, 'executors.json')).executors;
    const generators = JSON.parse(tarRead(tgz, 'generators.json')).generators;
    for (const e of Object.values<{ implementation: string; schema: string }>(executors)) declared.push(e.implementation, e.schema);
    for (const g of Object.values<{ factory: string; schema: string }>(generators)) declared.push(g.factory, g.schema);
    expect(Object.keys(executors).sort()).toEqual(['build-image', 'cross', 'go-build', 'go-generate', 'go-mod-download', 'go-test', 'image', 'release']);
    expect(Object.keys(generators).sort()).toEqual(['binary', 'init']);
    expect(declared.filter((p) => !has(p))).toEqual([]);
  });

  describe('installed into an empty folder', () => {
    let tmp: string;
    let dir: string;
    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-package-'));
      // npm init names the package after the folder, which must be lowercase.
      dir = path.join(tmp, 'app');
      fs.mkdirSync(dir);
      execFileSync('npm', ['init', '-y'], { cwd: dir, env: cleanEnv(), stdio: 'pipe' });
      installInto(dir);
      fs.writeFileSync(path.join(dir, 'nx.json'), JSON.stringify({ plugins: ['nx-kube-build'] }));
    });
    afterAll(() => removeDir(tmp));

    it('has no TypeScript loader for nx to fall back on', () => {
      expect(fs.existsSync(path.join(dir, 'node_modules/nx-kube-build/package.json'))).toBe(true);
      for (const loader of ['@swc-node/register', 'ts-node', 'typescript']) {
        expect([loader, fs.existsSync(path.join(dir, 'node_modules', loader))]).toEqual([loader, false]);
      }
    });

    it('nx show projects loads the plugin', () => {
      const r = localNx(dir, ['show', 'projects']);
      expect(r.output).not.toMatch(/Failed to (load|process)|Cannot find module/i);
      expect(r.code).toBe(0);
    });

    it('lists its generators and executors', () => {
      const r = localNxOk(dir, ['list', 'nx-kube-build']);
      for (const name of ['init', 'binary', 'go-build', 'build-image', 'go-test', 'go-mod-download', 'go-generate', 'cross', 'release', 'image']) {
        expect(r.stdout).toMatch(new RegExp(`^${name} : `, 'm'));
      }
    });

    it('infers projects from a Go module dropped in', () => {
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/greeter\n\ngo 1.19\n');
      fs.mkdirSync(path.join(dir, 'cmd/hello'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'cmd/hello/main.go'), 'package main\n\nfunc main() { println("hello") }\n');
      const projects = localNxOk(dir, ['show', 'projects']).stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
      expect(projects).toEqual(['greeter', 'hello']);
    });

    it('the init generator finds its templates in the package', () => {
      const r = localNxOk(dir, ['g', 'nx-kube-build:init', '--dry-run', '--no-interactive']);
      expect(r.output).toContain('CREATE build/build-image/Dockerfile');
      expect(r.output).toContain('Binaries (1): hello (cmd/hello)');
    });
  });
});
