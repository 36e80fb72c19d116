import { summarize } from './summary';

describe('summarize', () => {
  it('prints up to three problems as they are', () => {
    expect(summarize(['a', 'b', 'a', 'c'], 'warnings')).toEqual(['a', 'b', 'c']);
  });

  it('folds more than three into two and a count, with the hint', () => {
    expect(summarize(['a', 'b', 'c', 'd', 'e'], 'warnings', 'see verify')).toEqual(['a', 'b', '… and 3 more warnings; see verify.']);
  });

  it('never sends a control character to the terminal', () => {
    expect(summarize(['bad\u0007'], 'warnings')).toEqual(['bad\\x07']);
  });
});
