import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { TarEntry } from '../../shared/archive/tar';
import { moduleDir, names } from './layout.spec-helpers';
import { licenseBlock, packageRoot, readLicenses } from './licenses';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const body = (e: TarEntry | undefined) => (e && 'content' in e ? String(e.content) : undefined);

const MODULES_TXT = [
  '# github.com/a/lib v1.0.0',
  'github.com/a/lib',
  '# github.com/b/tool/v2 v2.1.0',
  'github.com/b/tool/v2',
  '# golang.org/x/sys v0.1.0',
  'golang.org/x/sys/unix',
  '# example.com/nolicense v0.1.0',
  'example.com/nolicense',
  '# k8s.io/api v0.0.0 => ./staging/src/k8s.io/api',
  'k8s.io/api/core/v1',
  '',
].join('\n');

describe('LICENSES/', () => {
  it('is the repo\'s own LICENSES/ dir when it has one', async () => {
    const m = moduleDir({ 'LICENSES/LICENSE': 'L', 'LICENSES/vendor/x/LICENSE': 'X', LICENSE: 'ignored here' });
    try {
      const l = await readLicenses(m.dir, 'k/LICENSES', 'k');
      expect([l.from, names(l.entries)]).toEqual([
        'dir',
        ['directory k/LICENSES', 'directory k/LICENSES/vendor', 'directory k/LICENSES/vendor/x', 'file k/LICENSES/LICENSE', 'file k/LICENSES/vendor/x/LICENSE'],
      ]);
    } finally {
      m.cleanup();
    }
  });

  it('is gathered as hack/update-vendor-licenses.sh writes it otherwise', async () => {
    const m = moduleDir({
      LICENSE: 'Apache License\n',
      'vendor/modules.txt': MODULES_TXT,
      'vendor/github.com/a/lib/LICENSE.md': 'MIT License, copyright a\n',
      'vendor/github.com/a/lib/lib.go': 'package lib\n',
      // The v2 module's licence sits at its repository root, where the script looks next.
      'vendor/github.com/b/tool/COPYING': 'Copyright b\n',
      'vendor/github.com/b/tool/v2/tool.go': 'package tool\n',
      'vendor/golang.org/x/sys/LICENSE': 'no words that count\n',
      'vendor/golang.org/x/sys/README.md': 'Copyright 2009 The Go Authors\n',
      'vendor/golang.org/x/sys/unix/a.go': 'package unix\n',
      'vendor/example.com/nolicense/a.go': 'package nolicense\n',
      'staging/src/k8s.io/api/core/v1/types.go': 'package v1\n',
    });
    try {
      fs.mkdirSync(path.join(m.dir, 'vendor/k8s.io'));
      fs.symlinkSync('../../staging/src/k8s.io/api', path.join(m.dir, 'vendor/k8s.io/api'));
      const l = await readLicenses(m.dir, 'k/LICENSES', 'k');
      expect([l.from, l.unlicensed]).toEqual(['gathered', ['example.com/nolicense']]);
      const by = (n: string) => body(l.entries.find((e) => e.name === `k/LICENSES/${n}`));
      expect(l.entries.map((e) => e.name).sort()).toEqual([
        'k/LICENSES/LICENSE',
        'k/LICENSES/vendor/github.com/a/lib/LICENSE',
        'k/LICENSES/vendor/github.com/b/tool/v2/LICENSE',
        'k/LICENSES/vendor/golang.org/x/sys/LICENSE',
      ]);
      const rule = '='.repeat(80);
      expect(by('LICENSE')).toBe(`${rule}\n= k licensed under: =\n\nApache License\n\n= LICENSE ${md5('Apache License\n')}\n${rule}\n`);
      expect(by('vendor/github.com/a/lib/LICENSE')).toBe(
        `= vendor/github.com/a/lib licensed under: =\n\nMIT License, copyright a\n\n= vendor/github.com/a/lib/LICENSE.md ${md5('MIT License, copyright a\n')}\n`,
      );
      expect(by('vendor/github.com/b/tool/v2/LICENSE')).toContain('= vendor/github.com/b/tool/COPYING ');
      expect(by('vendor/golang.org/x/sys/LICENSE')).toContain('= vendor/golang.org/x/sys/README.md ');
    } finally {
      m.cleanup();
    }
  });

  it('is nothing for a module with no licence at all', async () => {
    const m = moduleDir({ 'go.mod': 'module x\n' });
    try {
      expect(await readLicenses(m.dir, 'k/LICENSES', 'k')).toEqual({ entries: [], from: 'none', unlicensed: [] });
    } finally {
      m.cleanup();
    }
  });

  it.each([
    ['github.com/a/b/v2', 'github.com/a/b'],
    ['golang.org/x/sys', 'golang.org/x/sys'],
    ['gopkg.in/square/go-jose.v2/json', 'gopkg.in/square/go-jose.v2'],
    ['go4.org/unsafe/assume', 'go4.org'],
    ['sigs.k8s.io/yaml/goyaml.v2', 'sigs.k8s.io/yaml'],
    ['cloud.google.com/go/compute', 'cloud.google.com/go'],
  ])('the repository root of %s is %s', (m, root) => expect(packageRoot(m)).toBe(root));

  it('writes the script\'s block', () => {
    expect(licenseBlock('vendor/x', 'vendor/x/LICENSE', Buffer.from('L\n'))).toBe(`= vendor/x licensed under: =\n\nL\n\n= vendor/x/LICENSE ${md5('L\n')}\n`);
  });
});
