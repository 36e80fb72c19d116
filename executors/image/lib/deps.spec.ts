import { checkNotAborted } from './deps';

describe('checkNotAborted', () => {
  it('names the binary once the signal fired, and is quiet before', () => {
    const ac = new AbortController();
    expect(() => checkNotAborted(ac.signal, 'kube-proxy')).not.toThrow();
    expect(() => checkNotAborted(undefined, 'kube-proxy')).not.toThrow();
    ac.abort();
    expect(() => checkNotAborted(ac.signal, 'kube-proxy')).toThrow(new Error('Building the kube-proxy image was interrupted.'));
  });
});
