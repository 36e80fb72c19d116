/**
 * What to do when go failed because of cgo: a package whose Go files all
 * need cgo (`import "C"`, or a `cgo` constraint) in a build without it, or a
 * cgo build in an image with no C compiler. Reads the failed package's files
 * the way Go selects them; never guesses from the message alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Platform } from '../../../plugin/platforms';
import { buildableFile } from '../../../plugin/go/constraint';
import { parseGoFileHeader } from '../../../plugin/go/scan-file';
import { moduleMountPoint } from '../../shared/container/go-container';
import { isWithin, toPosixRel } from '../../shared/module/paths';
import type { NormalizedBuildOptions } from './options';

type HintOptions = Pick<
  NormalizedBuildOptions,
  'binaryName' | 'cgo' | 'platform' | 'tags' | 'moduleDir' | 'modulePath' | 'workspaceRoot' | 'image' | 'mode'
>;

/** True when cgo would let Go build `dir` for `platform`: no file builds without it, one does with it. */
export function dirNeedsCgo(dir: string, platform: Platform, tags: string[]): boolean {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  } catch {
    return false;
  }
  const cfg = (cgo: boolean) => ({ platforms: [platform], tags: new Set(tags), cgo });
  let withCgo = false;
  for (const f of files) {
    const header = parseGoFileHeader(fs.readFileSync(path.join(dir, f), 'utf8'));
    const importsC = header.imports.some((i) => i.path === 'C');
    if (!importsC && buildableFile(f, header.buildConstraint, cfg(false))) return false;
    if (buildableFile(f, header.buildConstraint, cfg(true))) withCgo = true;
  }
  return withCgo;
}

/** The host dir of a package dir go printed (inside the container it is under the module's mount point). */
function hostDir(printed: string, o: HintOptions): string | undefined {
  const mount = moduleMountPoint(o.modulePath);
  if (o.mode === 'docker') {
    if (printed !== mount && !printed.startsWith(`${mount}/`)) return undefined;
    return path.join(o.moduleDir, printed.slice(mount.length));
  }
  return isWithin(o.moduleDir, printed) ? printed : undefined;
}

/** One sentence saying which option to set for which binary, or undefined when the failure is not about cgo. */
export function cgoHint(output: string, o: HintOptions): string | undefined {
  const b = o.binaryName;
  const compiler = /C compiler "([^"]+)" not found/.exec(output);
  if (compiler && o.cgo) {
    const where = o.mode === 'host' ? 'on this host' : `in ${o.image ? `the image ${o.image}` : 'the build image'}`;
    const fix = o.mode === 'host' ? 'install it' : o.image ? 'drop the image option so cgo builds run in the generated cgo image' : 'check the cgo image';
    return `${b} is built with cgo but there is no C compiler "${compiler[1]}" ${where}: ${fix}, or build ${b} static (KUBE_STATIC_OVERRIDES="${b}", or leave it out of the cgo option).`;
  }
  if (o.cgo) return undefined;
  for (const m of output.matchAll(/build constraints exclude all Go files in (\S+)/g)) {
    const dir = hostDir(m[1], o);
    if (!dir || !dirNeedsCgo(dir, o.platform, o.tags)) continue;
    return `${b} needs cgo: every Go file of ${toPosixRel(o.workspaceRoot, dir)} that builds for ${o.platform.os}/${o.platform.arch} needs cgo (import "C"); add "${b}" to the cgo option of nx-kube-build in nx.json (or set KUBE_CGO_OVERRIDES="${b}"), and the Debian packages of the C libraries it links to cgoPackages.`;
  }
  return undefined;
}
