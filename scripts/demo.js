// npm run demo: builds kubelet for linux/amd64 in the kube-build container on
// the sample workspace (building the image first when it is missing), then
// shows where the binary is and what it says about its version.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const env = { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: 'true' };
const nx = require.resolve('nx/bin/nx.js', { paths: [root] });

const run = spawnSync(process.execPath, [nx, 'run', 'kubelet:build:linux-amd64', '--output-style=static'], { cwd: root, env, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

const bin = path.join(root, 'workspace/_output/dockerized/bin/linux/amd64/kubelet');
if (!fs.existsSync(bin)) {
  console.error(`demo: the build succeeded but ${bin} is missing`);
  process.exit(1);
}
console.log(`\nkubelet: ${path.relative(process.cwd(), bin)} (${fs.statSync(bin).size} bytes)`);
if (process.arch === 'x64' && process.platform === 'linux') {
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  console.log(`$ ${path.relative(process.cwd(), bin)} --version\n${(v.stdout || v.stderr).trim()}`);
}
