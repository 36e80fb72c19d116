/** The cross row: B3 `cross` cold and warm. */
import * as fs from 'fs';
import * as path from 'path';
import { Args, wanted } from '../lib/args';
import { Row, errorRow, median, ratioRow, skipRow } from '../lib/table';
import { BuildCtx, hostBuild, newVolume, nxBuild } from './build';

export function b3Rows(ctx: BuildCtx, args: Args, rows: Row[]): void {
  if (!wanted(args, 'B3')) return;
  const b = ctx.binaries.find((x) => x.name === 'kubelet') ?? ctx.binaries[0];
  if (args.quick) {
    rows.push(skipRow('B3', `${b.name} cross`, '--quick'));
    return;
  }
  // cross starts nested nx runs, which take no override: the fresh volume goes
  // through targetDefaults and the cache skip through the env they inherit.
  const nxJsonFile = path.join(ctx.ws.dir, 'nx.json');
  const saved = fs.readFileSync(nxJsonFile, 'utf8');
  const withVolume = JSON.parse(saved);
  withVolume.targetDefaults = { build: { options: { cacheVolume: newVolume(ctx, 'b3') } } };
  fs.writeFileSync(nxJsonFile, JSON.stringify(withVolume, null, 2) + '\n');
  try {
    const cold = nxBuild(ctx, ['run', `${b.name}:cross`], { NX_SKIP_NX_CACHE: 'true' });
    const coldCache = fs.mkdtempSync(path.join(ctx.scratch, 'gocache-cross-'));
    let hostCold = 0;
    for (const p of b.platforms) hostCold += hostBuild(ctx, b, coldCache, p).ms;
    rows.push(
      ratioRow('B3', `${b.name} cross, ${b.platforms.length} platforms, cold (Nx cache skipped, empty Go caches)`, cold.ms, `(nx run ${b.name}:cross)`, hostCold, 'go build per platform, empty GOCACHE', undefined, `${cold.containers} container(s); ${b.platforms.join(' ')}`),
    );
    // A skipped cache may not have stored the results: one untimed run fills it.
    const refill = nxBuild(ctx, ['run', `${b.name}:cross`]).containers;
    const w: number[] = [];
    const hw: number[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, ['run', `${b.name}:cross`]);
      containers += r.containers;
      w.push(r.ms);
      const t0 = process.hrtime.bigint();
      for (const p of b.platforms) hostBuild(ctx, b, coldCache, p);
      hw.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push(ratioRow('B3', `${b.name} cross, warm (all cache hits)`, median(w), '', median(hw), 'go build per platform, warm GOCACHE', undefined, `${containers} container(s) started; ${refill} in the untimed run after the cold one; median of ${args.reps}`));
  } catch (e) {
    rows.push(errorRow('B3', `${b.name} cross`, e));
  } finally {
    fs.writeFileSync(nxJsonFile, saved);
  }
}
