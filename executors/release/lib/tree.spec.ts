import * as fs from 'fs';
import * as path from 'path';
import { moduleDir, names } from './layout.spec-helpers';
import { copyEntries, isCruft } from './tree';

describe('isCruft (kube::release::clean_cruft)', () => {
  it.each([
    ['notes.md~', true],
    ['#draft.sh#', true],
    ['.DS_Store', true],
    ['kube-up.sh', false],
    ['#not-closed', false],
  ])('%s: %s', (name, cruft) => expect(isCruft(name)).toBe(cruft));
});

describe('copyEntries (cp -R)', () => {
  it('copies a tree under its new name, links as links, without cruft; a missing path is nothing', async () => {
    const m = moduleDir({ 'cluster/kube-up.sh': '#!/bin/sh\n', 'cluster/gce/x.yaml': 'a', 'cluster/x.sh~': 'old', 'cluster/.DS_Store': '' });
    try {
      fs.symlinkSync('gce/x.yaml', path.join(m.dir, 'cluster/link.yaml'));
      expect(names(await copyEntries(m.dir, 'cluster', 'k/cluster'))).toEqual([
        'directory k/cluster',
        'directory k/cluster/gce',
        'file k/cluster/gce/x.yaml',
        'file k/cluster/kube-up.sh',
        'symlink k/cluster/link.yaml',
      ]);
      expect(await copyEntries(m.dir, 'cluster/kube-up.sh', 'k/up.sh')).toEqual([{ type: 'file', name: 'k/up.sh', source: path.join(m.dir, 'cluster/kube-up.sh') }]);
      expect(await copyEntries(m.dir, 'docs', 'k/docs')).toEqual([]);
    } finally {
      m.cleanup();
    }
  });
});
