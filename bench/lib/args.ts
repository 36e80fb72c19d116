/** The bench's command line. */

export interface Args {
  quick: boolean;
  only?: Set<string>;
  build: boolean;
  keep: boolean;
  strict: boolean;
  reps: number;
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { quick: false, build: true, keep: false, strict: false, reps: 3 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--quick') a.quick = true;
    else if (x === '--no-build') a.build = false;
    else if (x === '--keep') a.keep = true;
    else if (x === '--strict') a.strict = true;
    else if (x === '--only' || x.startsWith('--only=')) {
      const v = x.includes('=') ? x.slice(x.indexOf('=') + 1) : argv[++i] ?? '';
      a.only = new Set(v.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
    } else if (x === '--help' || x === '-h') {
      console.log('usage: node dist/bench/run.js [--quick] [--only G1,G2,G3,B1,B2,B3,B4,B5,B6,B7] [--no-build] [--keep] [--strict]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${x} (try --help)`);
      process.exit(2);
    }
  }
  if (a.quick) a.reps = 1;
  return a;
}

export const wanted = (args: Args, id: string): boolean => !args.only || args.only.has(id);
