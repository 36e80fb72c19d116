import * as fs from 'fs';
import * as path from 'path';
import { partialBinary, planBuild } from './plan';
import { publishBinary } from './publish';
import { tempModule } from './steps.spec-helpers';

describe('publishBinary', () => {
  const mod = tempModule();
  afterAll(() => mod.cleanup());
  const plan = planBuild(mod.options(), { version: { buildDate: 'd', epoch: 0 }, hostEnv: {}, project: 'kubelet', target: 'build', owner: { host: 'h', pid: 1, start: '' }, nonce: 'p' });
  beforeEach(() => {
    fs.rmSync(plan.output.dir, { recursive: true, force: true });
    fs.mkdirSync(plan.output.dir, { recursive: true });
    fs.writeFileSync(plan.output.binary, 'old');
  });

  it('renames the partial binary into place, executable', () => {
    fs.writeFileSync(partialBinary(plan), 'new');
    expect(publishBinary(plan, 0, mod.ws, './cmd/kubelet')).toBe('mod/_output/dockerized/bin/linux/arm64/kubelet');
    expect(fs.readFileSync(plan.output.binary, 'utf8')).toBe('new');
    expect(fs.statSync(plan.output.binary).mode & 0o777).toBe(0o755);
    expect(fs.readdirSync(plan.output.dir)).toEqual(['kubelet']);
  });

  it.each([
    [2, true, 'go build ./cmd/kubelet for linux/arm64 failed with exit code 2: the compiler output is above; mod/_output/dockerized/bin/linux/arm64/kubelet was left as it was.'],
    [0, false, 'go build ./cmd/kubelet for linux/arm64 exited 0 but wrote no binary: check that ./cmd/kubelet is a main package.'],
  ])('exit %s (partial written: %s) keeps the old binary', (code, partial, message) => {
    if (partial) fs.writeFileSync(partialBinary(plan), 'half');
    expect(() => publishBinary(plan, code, mod.ws, './cmd/kubelet')).toThrow(message);
    expect(fs.readFileSync(path.join(plan.output.dir, 'kubelet'), 'utf8')).toBe('old');
  });
});
