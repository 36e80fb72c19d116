import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SAMPLE = path.join(REPO_ROOT, 'workspace');
export const NX_BIN = require.resolve('nx/bin/nx.js', { paths: [REPO_ROOT] });
/** The `nx-kube-build` command as the package installs it (its bin entry), so the entry itself is tested too. */
export const CLI_BIN = path.join(REPO_ROOT, JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).bin['nx-kube-build']);
