/**
 * LICENSES/ of the server, node and full tarballs: the repo's own LICENSES/ dir
 * (Kubernetes keeps one, written by hack/update-vendor-licenses.sh), else the
 * same layout gathered the way that script gathers it.
 */
import { createHash } from 'crypto';
import { promises as fsp } from 'fs';
import * as path from 'path';
import { parseModulesTxt } from '../../../plugin/go/modules-txt';
import type { TarEntry } from '../../shared/archive/tar';
import { copyEntries } from './tree';

export interface Licenses {
  /** Named `<prefix>/...`. */
  entries: TarEntry[];
  /** Where they came from: the repo's dir, gathered from LICENSE files, or nothing to ship. */
  from: 'dir' | 'gathered' | 'none';
  /** Vendored modules with no licence file found, as update-vendor-licenses.sh would stop on. */
  unlicensed: string[];
}

const RULE = '='.repeat(80);
const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');

/** update-vendor-licenses.sh's block: a header line, the file, a blank line and `= <file> <md5>`. */
export function licenseBlock(header: string, file: string, body: Buffer): string {
  return `= ${header} licensed under: =\n\n${body.toString('utf8')}\n= ${file} ${md5(body)}\n`;
}

/** The regular files of a dir, a symlink counting as what it points at (the script's find -follow). */
async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await fsp.readdir(dir).catch((): string[] => [])) {
    if ((await fsp.stat(path.join(dir, name)).catch(() => undefined))?.isFile()) out.push(name);
  }
  return out.sort();
}

/** Where the script also looks for a module's licence: its repository root (github.com/a/b of github.com/a/b/v2). */
export function packageRoot(module: string): string {
  const parts = module.split('/');
  if (/^(github\.com|golang\.org|bitbucket\.org|gonum\.org)\//.test(module)) return parts.slice(0, 3).join('/');
  if (module.startsWith('go4.org/')) return parts[0];
  if (module.startsWith('gopkg.in/')) return /^.*?\.v[0-9]/.exec(module)?.[0] ?? module;
  return parts.length > 1 ? parts.slice(0, 2).join('/') : module;
}

/** The first LICENSE*, else COPYING*, else NOTICE* or README* file that says license or copyright (top level only). */
async function licenseFileOf(moduleDir: string, module: string): Promise<string | undefined> {
  const kinds = [/^licen[sc]e/i, /^copying/i, /^(notice|readme)/i];
  for (const kind of kinds) {
    for (const dir of [...new Set([module, packageRoot(module)])]) {
      for (const name of (await files(path.join(moduleDir, 'vendor', dir))).filter((n) => kind.test(n))) {
        const rel = `vendor/${dir}/${name}`;
        const words = kind === kinds[0] || kind === kinds[1] ? /\b(license|copyright)\b/i : /\bcopyright\b/i;
        if (words.test(await fsp.readFile(path.join(moduleDir, rel), 'utf8'))) return rel;
      }
    }
  }
  return undefined;
}

/** The vendored modules the script walks: real dirs under vendor/ (no staging symlinks), not just parents of other modules. */
async function vendoredModules(moduleDir: string): Promise<string[]> {
  const text = await fsp.readFile(path.join(moduleDir, 'vendor/modules.txt'), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const modules = parseModulesTxt(text, 'vendor/modules.txt').map((m) => m.path);
  const out: string[] = [];
  for (const m of [...new Set(modules)].sort()) {
    const dir = path.join(moduleDir, 'vendor', m);
    const st = await fsp.lstat(dir).catch(() => undefined);
    if (!st?.isDirectory() || (await fsp.stat(path.join(moduleDir, 'staging/src', m)).catch(() => undefined))) continue;
    const dirents = await fsp.readdir(dir, { withFileTypes: true });
    const subdirs = dirents.filter((d) => d.isDirectory()).length;
    if (!dirents.some((d) => d.isFile()) && subdirs <= modules.filter((x) => x.startsWith(`${m}/`)).length) continue;
    out.push(m);
  }
  return out;
}

/** LICENSE* of the module root and each vendored module's licence, as update-vendor-licenses.sh lays them out. */
async function gatherLicenses(moduleDir: string, prefix: string, title: string): Promise<Licenses> {
  const entries: TarEntry[] = [];
  for (const name of (await files(moduleDir)).filter((n) => /^licen[sc]e/i.test(n))) {
    const body = await fsp.readFile(path.join(moduleDir, name));
    entries.push({ type: 'file', name: `${prefix}/${name}`, content: `${RULE}\n${licenseBlock(title, name, body)}${RULE}\n` });
  }
  const unlicensed: string[] = [];
  for (const m of await vendoredModules(moduleDir)) {
    const file = await licenseFileOf(moduleDir, m);
    if (!file) {
      unlicensed.push(m);
      continue;
    }
    const body = await fsp.readFile(path.join(moduleDir, file));
    entries.push({ type: 'file', name: `${prefix}/vendor/${m}/LICENSE`, content: licenseBlock(`vendor/${m}`, file, body) });
  }
  return { entries, from: entries.length > 0 ? 'gathered' : 'none', unlicensed };
}

/** `<prefix>/...` from `<moduleDir>/LICENSES` when it is a dir, else gathered; `title` names the project in the top block. */
export async function readLicenses(moduleDir: string, prefix: string, title: string): Promise<Licenses> {
  if ((await fsp.stat(path.join(moduleDir, 'LICENSES')).catch(() => undefined))?.isDirectory()) {
    return { entries: await copyEntries(moduleDir, 'LICENSES', prefix), from: 'dir', unlicensed: [] };
  }
  return gatherLicenses(moduleDir, prefix, title);
}
