import { describe, expect, it } from 'vitest';
import { Poly, pc, pv } from '../../symbolic/poly.ts';
import { Rational, q } from '../../symbolic/rational.ts';

const x = pv('x');
const y = pv('y');

describe('Poly', () => {
  it('expands products exactly', () => {
    // (x + y)² = x² + 2xy + y²
    expect(x.add(y).pow(2).equals(x.pow(2).add(x.mul(y).scale(2)).add(y.pow(2)))).toBe(true);
    expect(x.add(1).mul(x.sub(1)).toString()).toBe('x^2 - 1');
  });

  it('cancels to the zero polynomial', () => {
    expect(x.mul(y).sub(y.mul(x)).isZero()).toBe(true);
    expect(x.add(y).sub(x).sub(y).constantValue()?.isZero()).toBe(true);
  });

  it('differentiates by the power rule', () => {
    const p = x.pow(3).mul(y).add(x.scale(q(1, 2)));
    expect(p.diff('x').toString()).toBe('3*x^2*y + 1/2');
    expect(p.diff('z').isZero()).toBe(true);
  });

  it('substitutes simultaneously', () => {
    const p = x.mul(y);
    expect(p.subs({ x: y, y: x }).equals(p)).toBe(true);
    expect(x.pow(2).subs({ x: y.add(1) }).toString()).toBe('y^2 + 2*y + 1');
  });

  it('evaluates exactly and reports a missing variable', () => {
    const p = x.pow(2).add(y.scale(q(1, 3)));
    expect(p.evaluate({ x: q(1, 2), y: q(3) }).toString()).toBe('5/4');
    expect(() => p.evaluate({ x: q(1) })).toThrow(/no value for variable "y"/);
  });

  it('collects by chosen variables', () => {
    const p = x.pow(2).mul(y).add(x.pow(2).scale(3)).add(y);
    const c = p.collect(['x']);
    expect(c.get('x^2')!.coef.toString()).toBe('y + 3');
    expect(c.get('')!.coef.toString()).toBe('y');
  });

  it('merges repeated variables in a monomial (x·x² = x³)', () => {
    expect(Poly.monomial(Rational.ONE, [['x', 1], ['x', 2]]).equals(x.pow(3))).toBe(true);
  });

  it('rejects negative exponents and bad names', () => {
    expect(() => Poly.variable('x', -1)).toThrow(RangeError);
    expect(() => Poly.monomial(Rational.ONE, [['x', -2]])).toThrow(RangeError);
    expect(() => Poly.variable('2x')).toThrow(/invalid name/);
    expect(() => x.pow(-1)).toThrow(RangeError);
  });

  it('reports degrees and variables', () => {
    const p = x.pow(3).mul(y).add(pc(2));
    expect(p.totalDegree()).toBe(4);
    expect(p.degreeIn('x')).toBe(3);
    expect(p.variables()).toEqual(['x', 'y']);
  });

  it('prints LaTeX with a renderer', () => {
    expect(pv('omega0').pow(2).scale(q(-1, 2)).toLatex((v) => (v === 'omega0' ? '\\omega_0' : v))).toBe('-\\frac{1}{2} \\omega_0^{2}');
  });
});
