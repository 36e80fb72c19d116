/**
 * The `generate` option (make generated_files): the generator's argv and the
 * module-relative dirs it may write. One checker for the plugin and the
 * go-generate executor. Pure.
 */
import * as path from 'path';

/** As written in nx.json. */
export interface GenerateOption {
  /** argv, or a string split on spaces: no shell runs (the kube-build image has none). */
  command: string[] | string;
  /** Module-relative dirs the command may write; every other path of the module is read-only. */
  outputs: string[];
}

export interface GenerateSpec {
  command: string[];
  outputs: string[];
}

const EXAMPLE = '{"command": ["go", "run", "./hack/gen"], "outputs": ["pkg/generated"]}';

function outputDir(raw: unknown, where: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new Error(`${where}.outputs has ${JSON.stringify(raw)}, which is no dir: list module-relative dirs, e.g. ${EXAMPLE}.`);
  }
  const d = path.posix.normalize(raw.trim().replace(/\\/g, '/')).replace(/\/+$/, '');
  if (path.posix.isAbsolute(d) || d === '..' || d.startsWith('../')) {
    throw new Error(`${where}.outputs entry "${raw}" is outside the module: list dirs inside it, relative to it, e.g. "pkg/generated".`);
  }
  if (d === '.' || d === '') {
    throw new Error(`${where}.outputs entry "${raw}" is the whole module, which would leave no source read-only: list the dirs the generator writes, e.g. "pkg/generated".`);
  }
  if (d === '_output' || d.startsWith('_output/')) {
    throw new Error(`${where}.outputs entry "${raw}" is under _output/, where builds write: list source dirs the build reads, e.g. "pkg/generated".`);
  }
  return d;
}

/** Throws one sentence naming the bad value and the fix. */
export function checkGenerate(g: GenerateOption | undefined, where = 'generate'): GenerateSpec {
  if (!g || typeof g !== 'object') throw new Error(`${where} must be an object such as ${EXAMPLE}.`);
  const command = typeof g.command === 'string' ? g.command.split(/\s+/).filter(Boolean) : g.command;
  if (!Array.isArray(command) || command.length === 0 || command.some((a) => typeof a !== 'string' || a === '')) {
    throw new Error(
      `${where}.command is ${JSON.stringify(g.command ?? null)}: give the generator's argv (no shell runs in the kube-build image), e.g. ${EXAMPLE}.`,
    );
  }
  if (!Array.isArray(g.outputs) || g.outputs.length === 0) {
    throw new Error(`${where}.outputs is ${JSON.stringify(g.outputs ?? null)}: list the module-relative dirs the generator writes, e.g. ${EXAMPLE}.`);
  }
  const outputs = [...new Set(g.outputs.map((o) => outputDir(o, where)))];
  return { command, outputs };
}
