import { checkNotAborted } from './deps';

describe('checkNotAborted', () => {
  it('says release-tars is unchanged once the signal fired, and is quiet before', () => {
    const ac = new AbortController();
    expect(() => checkNotAborted(ac.signal)).not.toThrow();
    expect(() => checkNotAborted(undefined)).not.toThrow();
    ac.abort();
    expect(() => checkNotAborted(ac.signal)).toThrow(new Error('The release was interrupted; release-tars is unchanged.'));
  });
});
