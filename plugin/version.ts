import * as fs from 'fs';
import * as path from 'path';

/** This package's version, from its package.json (the same walk works from plugin/ and dist/plugin/). */
export const PLUGIN_VERSION: string = (() => {
  for (let d = __dirname; path.dirname(d) !== d; d = path.dirname(d)) {
    const f = path.join(d, 'package.json');
    if (fs.existsSync(f)) {
      const p = JSON.parse(fs.readFileSync(f, 'utf8'));
      if (p.name === 'nx-kube-build') return p.version as string;
    }
  }
  return '0.0.0';
})();
