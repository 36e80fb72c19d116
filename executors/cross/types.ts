/** Options of the `cross` target (see schema.json). */
export interface CrossExecutorOptions {
  /** `os/arch` list, from the binary's groups. */
  platforms: string[];
  /** os/arch → why build constraints rule it out (set by the plugin). */
  droppedPlatforms?: Record<string, string>;
  /** Target holding one configuration per platform. */
  target?: string;
  /** Platform builds run at once by the one nested task runner; nx.json's parallel (or NX_PARALLEL, else 3) when unset. */
  parallel?: number;
}
