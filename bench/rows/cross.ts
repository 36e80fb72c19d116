/** The cross row: B3 `cross` cold and warm. */
import * as fs from 'fs';
import * as path from 'path';
import { Args, wanted } from '../lib/args';
import { Row, errorRow, fmtMs, median, ratioRow, skipRow } from '../lib/table';
import { BuildCtx, hostBuild, newVolume, nxBuild, sharedVolume } from './build';

export function b3Rows(ctx: BuildCtx, args: Args, rows: Row[]): void {
  if (!wanted(args, 'B3')) return;
  const b = ctx.binaries.find((x) => x.name === 'kubelet') ?? ctx.binaries[0];
  // The quick run crosses the tiny tree's binary for two platforms: the code path, cheaply.
  const platforms = args.quick ? b.platforms.slice(0, 2) : b.platforms;
  const env: NodeJS.ProcessEnv = args.quick ? { KUBE_BUILD_PLATFORMS: platforms.join(' ') } : {};
  if (args.quick && !ctx.ws.tree) {
    rows.push(skipRow('B3', `${b.name} cross on ${ctx.ws.label}`, '--quick'));
    return;
  }
  // cross starts a nested nx, which takes no override: the volume goes
  // through targetDefaults and the cache skip through the env it inherits.
  // The quick run measures only the warm cross, on the context's warm volume.
  const nxJsonFile = path.join(ctx.ws.dir, 'nx.json');
  const saved = fs.readFileSync(nxJsonFile, 'utf8');
  const withVolume = JSON.parse(saved);
  withVolume.targetDefaults = { build: { options: { cacheVolume: args.quick ? sharedVolume(ctx) : newVolume(ctx, 'b3') } } };
  fs.writeFileSync(nxJsonFile, JSON.stringify(withVolume, null, 2) + '\n');
  try {
    const coldCache = fs.mkdtempSync(path.join(ctx.scratch, 'gocache-cross-'));
    if (args.quick) rows.push(skipRow('B3', `${b.name} cross on ${ctx.ws.label}, cold`, '--quick'));
    else {
      const cold = nxBuild(ctx, ['run', `${b.name}:cross`], { ...env, NX_SKIP_NX_CACHE: 'true' });
      let hostCold = 0;
      for (const p of platforms) hostCold += hostBuild(ctx, b, coldCache, p).ms;
      rows.push(
        ratioRow('B3', `${b.name} cross on ${ctx.ws.label}, ${platforms.length} platforms, cold (Nx cache skipped, empty Go caches)`, cold.ms, `(nx run ${b.name}:cross)`, hostCold, 'go build per platform, empty GOCACHE', 1.0, `${cold.containers} container(s); ${platforms.join(' ')}`),
      );
    }
    // A skipped cache may not have stored the results: one untimed run fills it.
    const refill = nxBuild(ctx, ['run', `${b.name}:cross`], env).containers;
    if (args.quick) for (const p of platforms) hostBuild(ctx, b, coldCache, p); // warms the host side too
    const w: number[] = [];
    const single: number[] = [];
    const hw: number[] = [];
    let containers = 0;
    for (let i = 0; i < args.reps; i++) {
      const r = nxBuild(ctx, ['run', `${b.name}:cross`], env);
      containers += r.containers;
      w.push(r.ms);
      single.push(nxBuild(ctx, ['run', `${b.name}:build:linux-amd64`]).ms);
      const t0 = process.hrtime.bigint();
      for (const p of platforms) hostBuild(ctx, b, coldCache, p);
      hw.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push(
      ratioRow('B3', `${b.name} cross on ${ctx.ws.label}, warm (all cache hits)`, median(w), `(nx run ${b.name}:cross)`, median(single), `nx run ${b.name}:build:linux-amd64, cached`, 2, `${containers} container(s) started; ${refill} in the untimed run after the cold one; host go build per platform, warm GOCACHE: ${fmtMs(median(hw))}; median of ${args.reps}`),
    );
  } catch (e) {
    rows.push(errorRow('B3', `${b.name} cross`, e));
  } finally {
    fs.writeFileSync(nxJsonFile, saved);
  }
}
