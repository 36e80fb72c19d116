/** Where the bench finds this repo, its sample workspace and nx. */
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SAMPLE = path.join(REPO_ROOT, 'workspace');
export const NX_BIN = require.resolve('nx/bin/nx.js', { paths: [REPO_ROOT] });
export const PLATFORM_CONFIG = 'linux-amd64';
