/** How release steps start a nested nx: injectable so steps are testable without one. */
export type NxRunner = (args: string[]) => Promise<number>;
