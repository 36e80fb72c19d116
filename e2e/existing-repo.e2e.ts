import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { binaryKind, runBinary } from './support/binaries';
import { installInto, localNx, localNxOk, packOnce } from './support/pack';
import { checkout, commitAll, lines } from './support/checkout';
import { git, removeDir } from './support/workspace';


/** The build tasks a run printed with --output-style=static (build-image and friends left out). */
const buildTasks = (output: string): string[] =>
  // A one-task batch prints its header twice (when Nx starts the batch and with its output): each task once.
  [...new Set([...output.matchAll(/^> nx run (\S+:build(?::\S+)?)\s*$/gm)].map((m) => m[1]))].sort();

const editFile = (dir: string, file: string, from: string, to: string): void => {
  const p = path.join(dir, file);
  const text = fs.readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  fs.writeFileSync(p, text.replace(from, to));
};

describe('nx-kube-build added to an existing Go repo', () => {
  beforeAll(() => {
    packOnce();
  });

  describe('flat-repo: module at the root, vendor/, internal/, tools/cmd/', () => {
    let ws: string;
    let initOutput: string;
    const bin = (goos: string, arch: string, name: string) => path.join(ws, '_output/dockerized/bin', goos, arch, name);
    const nxJson = () => JSON.parse(fs.readFileSync(path.join(ws, 'nx.json'), 'utf8'));

    beforeAll(() => {
      ws = checkout('flat-repo');
      installInto(ws);
      initOutput = localNxOk(ws, ['g', 'nx-kube-build:init', '--no-interactive']).output;
      commitAll(ws, 'add nx-kube-build');
      git(ws, 'tag', 'v0.3.0');
    });
    afterAll(() => removeDir(ws));

    it('init registers the plugin with the version package and writes the build image definition', () => {
      expect(initOutput).toContain('Binaries (4): acme-agent (cmd/acme-agent), acmectl (cmd/acmectl), acmed (cmd/acmed), acme-gen (tools/cmd/acme-gen).');
      expect(nxJson().plugins).toEqual([
        {
          plugin: 'nx-kube-build',
          options: {
            defaultPlatforms: ['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64'],
            versionPackages: [
              { package: 'example.com/acme/internal/store', vars: { buildDateUnix: 'stampedAt' } },
              { package: 'example.com/acme/internal/version', vars: { version: 'Version', gitCommit: 'GitCommit' } },
              { package: 'main', vars: { version: 'version', gitCommit: 'gitCommit' } },
            ],
          },
        },
      ]);
      expect(initOutput).toContain('Version stamped into example.com/acme/internal/store: stampedAt (buildDateUnix).');
      expect(initOutput).toContain('Version stamped into main: version (version), gitCommit (gitCommit).');
      expect(fs.readFileSync(path.join(ws, 'build/build-image/Dockerfile'), 'utf8')).toMatch(/^FROM scratch$/m);
      expect(fs.readFileSync(path.join(ws, '.gitignore'), 'utf8')).toBe('_output/\n.nx/\nnode_modules/\n');
    });

    it('infers the binaries, the packages by import path, the vendored module and the module', () => {
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary']).stdout)).toEqual(['acme-agent', 'acme-gen', 'acmectl', 'acmed']);
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:package']).stdout)).toEqual([
        'example.com/acme/internal/api',
        'example.com/acme/internal/store',
        'example.com/acme/internal/version',
      ]);
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:vendor']).stdout)).toEqual(['github.com/acme-oss/units']);
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:module']).stdout)).toEqual(['acme']);
      const gen = JSON.parse(localNxOk(ws, ['show', 'project', 'acme-gen', '--json']).stdout);
      expect(gen.root).toBe('tools/cmd/acme-gen');
      expect(gen.targets.build.configurations['linux-arm64'].outputPath).toBe('_output/dockerized/bin/linux/arm64/acme-gen');
    });

    it('builds acmectl for linux-amd64 as an x86-64 ELF that runs', () => {
      localNxOk(ws, ['run', 'acmectl:build:linux-amd64']);
      expect(binaryKind(bin('linux', 'amd64', 'acmectl'))).toBe('ELF x86-64');
      expect(runBinary(bin('linux', 'amd64', 'acmectl'), [])).toBe('usage 1.5KiB');
    });

    it('stamps the tag and commit into the version package init found', () => {
      expect(runBinary(bin('linux', 'amd64', 'acmectl'), ['--version'])).toBe(`acmectl v0.3.0 ${git(ws, 'rev-parse', 'HEAD')}`);
    });

    it("stamps acmed's own main vars and the var only the Makefile's -X names, as git tells the test", () => {
      localNxOk(ws, ['run', 'acmed:build:linux-amd64']);
      expect(runBinary(bin('linux', 'amd64', 'acmed'), ['--version']).split(' ')).toEqual([
        'acmed',
        git(ws, 'describe', '--tags'),
        git(ws, 'rev-parse', 'HEAD'),
        git(ws, 'log', '-1', '--format=%ct'),
      ]);
    });

    it('builds acme-gen (tools/cmd/) for linux-arm64 as an aarch64 ELF', () => {
      localNxOk(ws, ['run', 'acme-gen:build:linux-arm64']);
      expect(binaryKind(bin('linux', 'arm64', 'acme-gen'))).toBe('ELF aarch64');
    });

    it('builds acme-agent only once its build tag is set in nx.json', () => {
      const untagged = localNx(ws, ['run', 'acme-agent:build:linux-amd64', '--output-style=static']);
      expect(untagged.code).not.toBe(0);
      expect(untagged.output).toContain('build constraints exclude all Go files');
      const json = nxJson();
      json.plugins[0].options.tags = { 'acme-agent': ['agent'] };
      fs.writeFileSync(path.join(ws, 'nx.json'), `${JSON.stringify(json, null, 2)}\n`);
      commitAll(ws, 'build acme-agent with its tag');
      localNxOk(ws, ['run', 'acme-agent:build:linux-amd64']);
      expect(binaryKind(bin('linux', 'amd64', 'acme-agent'))).toBe('ELF x86-64');
      expect(runBinary(bin('linux', 'amd64', 'acme-agent'), [])).toMatch(/^acme-agent /);
    });

    it('running init again changes nothing, the tags option included', () => {
      localNxOk(ws, ['g', 'nx-kube-build:init', '--no-interactive']);
      expect(git(ws, 'status', '--porcelain')).toBe('');
    });

    it('after a change to internal/api, affected builds acmectl alone', () => {
      editFile(ws, 'internal/api/api.go', '"usage "', '"in use: "');
      commitAll(ws, 'reword status');
      const r = localNxOk(ws, ['affected', '-t', 'build', '--base=HEAD~1', '--head=HEAD', '--output-style=static']);
      expect(buildTasks(r.output)).toEqual(['acmectl:build:linux-amd64']);
      expect(runBinary(bin('linux', 'amd64', 'acmectl'), [])).toBe('in use: 1.5KiB');
    });
  });

  describe('subdir-repo: module in services/ beside web/ and docs/, added with nx add', () => {
    let ws: string;
    const bin = (goos: string, arch: string, name: string) => path.join(ws, 'services/_output/dockerized/bin', goos, arch, name);

    beforeAll(() => {
      ws = checkout('subdir-repo');
      installInto(ws, false);
      localNxOk(ws, ['add', `nx-kube-build@file:${packOnce()}`]);
      commitAll(ws, 'add nx-kube-build');
    });
    afterAll(() => removeDir(ws));

    it('nx add installs the plugin and puts the build image definition in the module', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ws, 'package.json'), 'utf8'));
      expect(Object.keys(pkg.devDependencies).sort()).toEqual(['nx', 'nx-kube-build']);
      expect(fs.existsSync(path.join(ws, 'services/build/build-image/Dockerfile'))).toBe(true);
      expect(fs.existsSync(path.join(ws, 'build'))).toBe(false);
    });

    it('infers the binaries, the packages and the module, all rooted in services/', () => {
      expect(lines(localNxOk(ws, ['show', 'projects', '--projects', 'tag:go:binary']).stdout)).toEqual(['shopctl', 'shopd']);
      const file = path.join(os.tmpdir(), `nkb-graph-${process.pid}.json`);
      try {
        localNxOk(ws, ['graph', `--file=${file}`]);
        const nodes = Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).graph.nodes) as { name: string; data: { root: string } }[];
        expect(Object.fromEntries(nodes.map((n) => [n.name, n.data.root]))).toEqual({
          'example.com/shop/pkg/catalog': 'services/pkg/catalog',
          'example.com/shop/pkg/checkout': 'services/pkg/checkout',
          shop: 'services',
          shopctl: 'services/cmd/shopctl',
          shopd: 'services/cmd/shopd',
        });
      } finally {
        fs.rmSync(file, { force: true });
      }
    });

    it('builds shopd for linux-amd64 under services/_output as an x86-64 ELF that runs', () => {
      localNxOk(ws, ['run', 'shopd:build:linux-amd64']);
      expect(binaryKind(bin('linux', 'amd64', 'shopd'))).toBe('ELF x86-64');
      expect(runBinary(bin('linux', 'amd64', 'shopd'), [])).toBe('shopd: basket of everything costs 3700');
      expect(fs.existsSync(path.join(ws, '_output'))).toBe(false);
    });

    it('builds shopctl for linux-arm64 as an aarch64 ELF', () => {
      localNxOk(ws, ['run', 'shopctl:build:linux-arm64']);
      expect(binaryKind(bin('linux', 'arm64', 'shopctl'))).toBe('ELF aarch64');
    });

    it('running init again changes nothing', () => {
      localNxOk(ws, ['g', 'nx-kube-build:init', '--no-interactive']);
      expect(git(ws, 'status', '--porcelain')).toBe('');
    });

    it('a change in docs/ or web/ affects no project', () => {
      fs.appendFileSync(path.join(ws, 'docs/README.md'), '\nOpening hours: always.\n');
      fs.appendFileSync(path.join(ws, 'web/style.css'), 'body { margin: 0; }\n');
      commitAll(ws, 'docs and styles');
      expect(lines(localNxOk(ws, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD']).stdout)).toEqual([]);
    });

    it('after a change to pkg/checkout, affected builds shopd alone', () => {
      editFile(ws, 'services/pkg/checkout/checkout.go', 'sum := 0', 'sum := 100');
      commitAll(ws, 'handling fee');
      const r = localNxOk(ws, ['affected', '-t', 'build', '--base=HEAD~1', '--head=HEAD', '--output-style=static']);
      expect(buildTasks(r.output)).toEqual(['shopd:build:linux-amd64']);
      expect(runBinary(bin('linux', 'amd64', 'shopd'), [])).toBe('shopd: basket of everything costs 3800');
    });
  });
});
