import * as path from 'path';
import type { NxResult } from './nx';

/** The binaries the plugin infers for workspace/, sorted. */
export const SAMPLE_BINARIES = [
  'apiextensions-apiserver',
  'kube-aggregator',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-proxy',
  'kube-scheduler',
  'kubeadm',
  'kubectl',
  'kubelet',
  'kubemark',
];

/** `_output/dockerized/bin/<os>/<arch>` of a copy of the sample. */
export const outDir = (ws: string, os = 'linux', arch = 'amd64'): string => path.join(ws, '_output/dockerized/bin', os, arch);

/** The one output line matching `cause`; fails with nx's whole output when there is none. */
export function causeLine(r: NxResult, cause: RegExp): string {
  const line = r.output.split('\n').find((l) => cause.test(l));
  if (!line) throw new Error(`no output line matches ${cause}; nx exited ${r.code} with:\n${r.output}`);
  return line.trim();
}
