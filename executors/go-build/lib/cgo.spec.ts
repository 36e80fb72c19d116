import { cgoEnabled } from './cgo';

describe('cgoEnabled (kube::golang::is_statically_linked)', () => {
  it.each([
    ['not in the cgo option: static', false, {}, false],
    ['in the cgo option: cgo', true, {}, true],
    ['KUBE_CGO_OVERRIDES turns it on', false, { KUBE_CGO_OVERRIDES: 'kubectl  runc ' }, true],
    ['KUBE_STATIC_OVERRIDES turns it off', true, { KUBE_STATIC_OVERRIDES: 'runc' }, false],
    ['KUBE_CGO_OVERRIDES wins over KUBE_STATIC_OVERRIDES', true, { KUBE_CGO_OVERRIDES: 'runc', KUBE_STATIC_OVERRIDES: 'runc' }, true],
    ['names are whole words', true, { KUBE_STATIC_OVERRIDES: 'runc-tool' }, true],
    ['another binary in the overrides changes nothing', false, { KUBE_CGO_OVERRIDES: 'kubelet' }, false],
  ])('%s', (_what, inOption, env, want) => {
    expect(cgoEnabled('runc', inOption, env)).toBe(want);
  });
});
