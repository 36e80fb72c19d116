/**
 * Static or cgo, per binary, as hack/lib/golang.sh decides before its
 * KUBE_CGO_OVERRIDES / KUBE_STATIC_OVERRIDES (which the go-build executor
 * applies per run). Pure.
 */
import type { NormalizedOptions } from './options';

/**
 * - `static`: CGO_ENABLED=0 (in staticBinaries, or in no list while staticBinaries is unset);
 * - `cgo`: listed in cgo / cgoBinaries: cgo everywhere, platforms without a C compiler dropped;
 * - `cgo-where-possible`: in no list while staticBinaries is set, as golang.sh builds every binary outside
 *   KUBE_STATIC_BINARIES: cgo where the cgo image has a C compiler, Go's cross-compiling default (off) elsewhere.
 */
export type Linking = 'static' | 'cgo' | 'cgo-where-possible';

/** `listed(list)` says whether the binary's name or one of its dirs is in the list. */
export function linkingOf(
  options: Pick<NormalizedOptions, 'cgo' | 'staticBinaries'>,
  name: string,
  listed: (list: string[]) => boolean,
): Linking {
  const cgo = listed(options.cgo);
  const isStatic = options.staticBinaries !== undefined && listed(options.staticBinaries);
  if (cgo && isStatic) {
    throw new Error(
      `${name} is in both staticBinaries and cgoBinaries (or cgo) of nx-kube-build in nx.json: a binary builds either static or with cgo; drop it from one of the lists.`,
    );
  }
  if (cgo) return 'cgo';
  if (isStatic || options.staticBinaries === undefined) return 'static';
  return 'cgo-where-possible';
}

/** Whether some binary may build with cgo: the build constraints of the graph count `cgo` files then. */
export function anyCgo(options: Pick<NormalizedOptions, 'cgo' | 'staticBinaries'>): boolean {
  return options.cgo.length > 0 || options.staticBinaries !== undefined;
}
