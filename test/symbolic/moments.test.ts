import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { pv, pc } from '../../symbolic/poly.ts';
import {
  centralMoment,
  expectation,
  expectationValue,
  gaussianMoment,
  gradNormsStarSq,
  hermitePoly,
  hermiteRayleighTable,
  innerStar,
  multiIndices,
  normStarSq,
  oddDoubleFactorial,
  weightVariances,
} from '../../symbolic/moments.ts';

// M of (3.1) with ω₀² = 2, β = 1: σ_x² = 1/2, σ_v² = 1.
const w = { omega0Sq: q(2), beta: q(1) };

describe('exact Gaussian moments under M', () => {
  it('has σ_x² = 1/(βω₀²) and σ_v² = 1/β', () => {
    const s = weightVariances({ omega0Sq: q(3), beta: q(2) });
    expect(s.x.toString()).toBe('1/6');
    expect(s.v.toString()).toBe('1/2');
  });
  it('matches Isserlis by hand: E[x⁴] = 3σ⁴, E[x⁶] = 15σ⁶, odd moments vanish', () => {
    expect(expectationValue(pv('x1').pow(4), w).toString()).toBe('3/4'); // 3·(1/2)²
    expect(expectationValue(pv('x2').pow(6), w).toString()).toBe('15/8'); // 15·(1/2)³
    expect(expectationValue(pv('v1').pow(3), w).isZero()).toBe(true);
    expect(centralMoment(4, q(2)).toString()).toBe('12');
    expect(oddDoubleFactorial(4)).toBe(105n);
  });
  it('factors mixed monomials over independent coordinates', () => {
    // E[x1² v1² x2²] = σ_x² σ_v² σ_x² = 1/4; E[x1 v1] = 0
    expect(expectationValue(pv('x1').pow(2).mul(pv('v1').pow(2)).mul(pv('x2').pow(2)), w).toString()).toBe('1/4');
    expect(expectationValue(pv('x1').mul(pv('v1')), w).isZero()).toBe(true);
    expect(gaussianMoment([2, 0], [4, 2], w).toString()).toBe('3/2'); // (1/2)·3·1
  });
  it('keeps non-phase variables as coefficients', () => {
    const p = pv('a').mul(pv('x1')).add(pv('b')).pow(2);
    expect(expectation(p, w).equals(pv('a').pow(2).scale(q(1, 2)).add(pv('b').pow(2)))).toBe(true);
    expect(() => expectationValue(p, w)).toThrow(RangeError);
  });
  it('computes ‖h‖²_* and ‖∇h‖²_* exactly', () => {
    const h = pv('x1').mul(pv('v1'));
    expect(normStarSq(h, w).toString()).toBe('1/2');
    const g = gradNormsStarSq(h, 1, w);
    expect(g.x.toString()).toBe('1'); // E[v1²]
    expect(g.v.toString()).toBe('1/2'); // E[x1²]
    expect(innerStar(pv('x1'), pc(1), w).isZero()).toBe(true);
  });
  it('rejects a non-positive weight', () => {
    expect(() => weightVariances({ omega0Sq: q(0), beta: q(1) })).toThrow(/omega0Sq must be > 0/);
  });
});

describe('Hermite polynomials and the Rayleigh table of (3.5)', () => {
  it('are orthogonal with E[He_k²] = k! s^k', () => {
    const s = q(1, 3);
    const varOf = { omega0Sq: q(3), beta: q(1) }; // σ_x² = 1/3
    expect(innerStar(hermitePoly(2, 'x1', s), hermitePoly(3, 'x1', s), varOf).isZero()).toBe(true);
    expect(normStarSq(hermitePoly(3, 'x1', s), varOf).toString()).toBe('2/9'); // 3!·(1/3)³
  });
  it('lists multi-indices of degree 1…N', () => {
    expect(multiIndices(2, 2)).toHaveLength(5);
  });
  it('finds both Gram matrices diagonal for symbolic variances', () => {
    const t = hermiteRayleighTable(2, 3);
    expect(t.meansZero && t.diagonal && t.diagonalMatchesFormula).toBe(true);
    const e = t.entries.find((x) => x.alpha.join() === '0,0,1,0')!; // H = v1
    expect(e.normSq.toString()).toBe('sv');
    expect(e.gradSq.toString()).toBe('1');
  });
});
