/**
 * What a task of a batch prints, kept as the terminal output Nx stores per task
 * (and replays on a cache hit): everything written to stdout and stderr while
 * `fn` runs. It is held back rather than passed through, because Nx prints a
 * batch worker's own output as it comes and each task's terminal output again
 * when the task ends: held back, every line reaches the user once, with its
 * task. The batch runs one task (or group) at a time, so nothing else writes
 * meanwhile.
 */
type Write = typeof process.stdout.write;

export async function capturingOutput<T>(fn: () => Promise<T>, streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const originals = streams.map((s) => s.write);
  for (const s of streams) {
    s.write = ((chunk: Uint8Array | string, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r): r is () => void => typeof r === 'function');
      if (done) process.nextTick(done);
      return true;
    }) as Write;
  }
  try {
    const result = await fn();
    return { result, output: chunks.join('') };
  } finally {
    streams.forEach((s, i) => (s.write = originals[i]));
  }
}
