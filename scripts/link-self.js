// Lets this repository use itself as the plugin `nx-kube-build`: Nx resolves
// executors by package name, so node_modules/nx-kube-build points at the repo.
const fs = require('fs');
const path = require('path');
const link = path.join(__dirname, '..', 'node_modules', 'nx-kube-build');
try {
  if (fs.readlinkSync(link) === '..') process.exit(0);
  fs.unlinkSync(link);
} catch {
  fs.rmSync(link, { recursive: true, force: true });
}
fs.symlinkSync('..', link, 'dir');
