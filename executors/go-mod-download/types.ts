/** Options of the go-mod-download executor (see schema.json). */
export interface GoModDownloadExecutorOptions {
  moduleRoot: string;
  dockerfile?: string;
  image?: string;
  /** Network of the download container (default bridge). */
  network?: string;
}
