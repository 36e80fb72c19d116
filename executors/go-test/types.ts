/** Options of the go-test executor (see schema.json). */
export interface GoTestExecutorOptions {
  moduleRoot: string;
  packages?: string[];
  tags?: string[];
  goflags?: string;
  args?: string[];
  mode?: 'docker' | 'host';
  dockerfile?: string;
  image?: string;
  network?: string;
  /** Network of the go mod download that fills a non-vendored context's module cache (default bridge). */
  downloadNetwork?: string;
  cacheVolume?: string;
  /** How the module reaches the engine (see go-build's sync). */
  sync?: 'auto' | 'copy' | 'mount';
}
