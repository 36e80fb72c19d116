/** Options of the go-generate executor (see schema.json). */
export interface GoGenerateExecutorOptions {
  /** Module directory relative to the workspace root ('' for the root). */
  moduleRoot: string;
  /** The generator's argv (or one string split on spaces: no shell runs). */
  command: string[] | string;
  /** Module-relative dirs the command may write; the rest of the module is read-only. */
  outputs: string[];
  dockerfile?: string;
  image?: string;
  network?: string;
  /** Network of the go mod download that fills a non-vendored context's module cache (default bridge). */
  downloadNetwork?: string;
  cacheVolume?: string;
  /** How the module reaches the engine; a generator writes into the checkout, so only a mount works. */
  sync?: 'auto' | 'copy' | 'mount';
}
