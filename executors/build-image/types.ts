/** Options of the build-image executor (see schema.json). */
export interface BuildImageExecutorOptions {
  moduleRoot?: string;
  dockerfile?: string;
  goroot?: string;
  goTarball?: string;
  image?: string;
}
