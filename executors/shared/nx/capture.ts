/**
 * What a task of a batch printed, for the terminal output Nx keeps per task
 * (and replays on a cache hit): everything written to stdout and stderr while
 * `fn` runs, still passed through. The batch runs one task at a time, so
 * nothing else writes meanwhile.
 */
type Write = typeof process.stdout.write;

export async function capturingOutput<T>(fn: () => Promise<T>, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const originals = streams.map((s) => s.write);
  streams.forEach((s, i) => {
    const original = originals[i];
    s.write = ((chunk: Uint8Array | string, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...a: unknown[]) => boolean).call(s, chunk, ...rest);
    }) as Write;
  });
  try {
    const result = await fn();
    return { result, output: chunks.join('') };
  } finally {
    streams.forEach((s, i) => (s.write = originals[i]));
  }
}
