/** The faults-suite tally counts the cases that ran, each once, by kind; the summary is read back from the tally file. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Tally } from './tally';

describe('Tally', () => {
  const tally = new Tally('bad-input');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nkb-tally-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a bad input registered twice by one case', () => {
    tally.badInput();
    tally.badInput();
  });
  it('another bad input', () => tally.badInput());
  it('an odd but valid tree', () => tally.validTree());
  it.each(['SIGINT', 'engine stop'])('a fault survived: %s', () => tally.faultSurvived());

  it('counts each case that ran once, by its kind, valid trees apart from bad inputs', () => {
    tally.orphans(0);
    tally.secrets(0);
    expect(tally.counts).toEqual({ badInputs: 2, validTrees: 1, faultsSurvived: 2, orphans: 0, secretsSeen: 0 });
  });

  it('prints the summary line README quotes from every suite in the file, naming the suites not run yet', () => {
    const file = path.join(dir, 'tally.jsonl');
    expect(tally.finish(file)).toBe(
      'faults-suite: bad inputs tried 2, faults survived 2, orphan containers found 0, secrets seen inside 0 (not run yet: faults, security)\n' +
        'faults-suite: valid trees built 1',
    );
    const security = new Tally('security');
    security.secrets(1);
    const faults = new Tally('faults');
    faults.orphans(3);
    security.finish(file);
    expect(faults.finish(file).split('\n')[0]).toBe(
      'faults-suite: bad inputs tried 2, faults survived 2, orphan containers found 3, secrets seen inside 1',
    );
  });
});
