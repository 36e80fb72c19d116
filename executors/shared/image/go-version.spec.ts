import { goVersionAtLeast } from './go-version';

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
