import { describe, expect, it } from 'vitest';
import { add, cst, div, mul, neg, par, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { coordinateDegrees, createExactMoments, exactMoments, exactWeight, exprToPoly } from '../../numeric/exact-moments.ts';
import { q } from '../../symbolic/rational.ts';
import { pv } from '../../symbolic/poly.ts';

const integrand = (d: number, exprs: Expr[], params: Record<string, number> = {}): Integrand => ({ d, names: exprs.map((_, k) => `f${k}`), exprs, params });
const W = { omega0: 2, beta: 3 }; // σ_x² = 1/(βω₀²) = 1/12, σ_v² = 1/β = 1/3

describe('exactMoments', () => {
  it('gives E[x₁²] = 1/(βω₀²) and E[v₁²] = 1/β exactly', () => {
    expect(exactMoments(integrand(1, [powi(xv(0), 2), powi(vv(0), 2)]), W).map(String)).toEqual(['1/12', '1/3']);
  });

  it('gives E[x⁴] = 3σ_x⁴ and E[v⁶] = 15σ_v⁶ (Isserlis) in d = 1, 2, 3', () => {
    for (const d of [1, 2, 3]) {
      const r = exactMoments(integrand(d, [powi(xv(d - 1), 4), powi(vv(d - 1), 6)]), W);
      expect(r[0].equals(q(3, 144))).toBe(true);
      expect(r[1].equals(q(15, 27))).toBe(true);
    }
  });

  it('expands mixed polynomials with parameters: E[(a x₁ + v₂)²] = a²σ_x² + σ_v²', () => {
    const r = exactMoments(integrand(2, [powi(add(mul(par('a'), xv(0)), vv(1)), 2)], { a: 0.5 }), W);
    expect(r[0].toString()).toBe(q(1, 4).mul(q(1, 12)).add(q(1, 3)).toString()); // 1/48 + 1/3 = 17/48
    expect(r[0].toString()).toBe('17/48');
  });

  it('gives 0 for odd moments and −6σ⁴ for x⁴ − 3x²·x²', () => {
    const [odd, even] = exactMoments(integrand(2, [mul(xv(0), powi(xv(1), 2)), sub2(powi(xv(0), 4), mul(cst(3), powi(xv(0), 2), powi(xv(0), 2)))]), W);
    expect(odd.isZero()).toBe(true);
    // E[x⁴ − 3x²·x²] = 3σ⁴ − 9σ⁴ = −6σ⁴ ≠ 0: a wrong "3 → 1" would give 0
    expect(even.equals(q(-6, 144))).toBe(true);
  });

  it('uses the exact rational value of the doubles given (ω₀ = 0.1 is not 1/10)', () => {
    const w = exactWeight({ omega0: 0.1, beta: 1 });
    expect(w.omega0Sq.equals(q(1, 100))).toBe(false);
    expect(w.omega0Sq.den).toBe(2n ** 110n);
  });

  it('accepts division by a constant and names a non-polynomial node', () => {
    expect(exactMoments(integrand(1, [div(powi(xv(0), 2), cst(4))]), W)[0].toString()).toBe('1/48');
    expect(() => exactMoments(integrand(1, [un('exp', xv(0))]), W)).toThrow(/output "f0": non-polynomial node "exp"/);
    expect(() => exactMoments(integrand(1, [div(cst(1), xv(0))]), W)).toThrow(/non-polynomial node "div"/);
  });
});

describe('exprToPoly', () => {
  it('names coordinates x1 … xd, v1 … vd as symbolic/moments.ts does', () => {
    expect(exprToPoly(add(xv(0), neg(vv(1))), {}).equals(pv('x1').sub(pv('v2')))).toBe(true);
  });
});

describe('coordinateDegrees', () => {
  it('adds degrees in products, maxes them in sums, multiplies them in powers', () => {
    expect(coordinateDegrees(add(mul(xv(0), xv(0), vv(1)), powi(add(xv(1), vv(1)), 3)), 2)).toEqual({ x: [2, 3], v: [0, 3] });
  });

  it('marks coordinates under exp or a non-constant denominator as non-polynomial', () => {
    expect(coordinateDegrees(mul(un('exp', xv(0)), vv(0)), 1)).toEqual({ x: [Infinity], v: [1] });
    expect(coordinateDegrees(div(xv(0), add(cst(1), powi(vv(0), 2))), 1)).toEqual({ x: [1], v: [Infinity] });
    expect(coordinateDegrees(un('cos', par('b')), 1)).toEqual({ x: [0], v: [0] });
  });
});

describe('createExactMoments', () => {
  it('returns the mean, zero error and the exact rational string', async () => {
    const e = await createExactMoments().integrate(integrand(1, [powi(xv(0), 4)]), W);
    expect(e.exact).toEqual(['1/48']);
    expect(e.mean).toEqual([1 / 48]);
    expect(e.stderr).toEqual([0]);
  });
});

function sub2(a: Expr, b: Expr): Expr {
  return add(a, neg(b));
}
