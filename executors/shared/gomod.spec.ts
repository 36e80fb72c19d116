import { goVersionAtLeast, parseGoModFacts } from './gomod';

describe('parseGoModFacts', () => {
  it('reads the module path and go directive', () => {
    const text = '// comment\nmodule k8s.io/kubernetes // trailing\n\ngo 1.22.0\n\ntoolchain go1.22.4\n\nrequire (\n\tk8s.io/api v0.0.0\n)\n';
    expect(parseGoModFacts(text)).toEqual({ modulePath: 'k8s.io/kubernetes', goVersion: '1.22.0' });
  });

  it('accepts a quoted module path and no go line', () => {
    expect(parseGoModFacts('module "example.com/m"\n')).toEqual({ modulePath: 'example.com/m', goVersion: undefined });
  });
});

describe('goVersionAtLeast', () => {
  it.each([
    ['go1.19.8', '1.19', true],
    ['go1.19.8', '1.19.9', false],
    ['go1.21.0', '1.21', true],
    ['go1.20.14', '1.21', false],
    ['go1.22rc1', '1.22', true],
    ['go2.0.0', '1.30', true],
  ])('%s ≥ %s: %s', (have, need, want) => {
    expect(goVersionAtLeast(have, need)).toBe(want);
  });
});
