/**
 * Search cases for `hypocheck search` (fast-check): parameters (d, ω₀², γ, β) as exact rationals
 * that shrink to round values, and polynomial test functions that shrink to one low-degree Hermite
 * term. Shipped code (moved from test/arbitraries/paper.ts, which re-exports them for the tests).
 */
import fc from 'fast-check';
import { Rational, q } from '../../symbolic/rational.ts';
import { Poly } from '../../symbolic/poly.ts';
import { expectationValue, hermitePoly, weightVariances, type MomentWeight } from '../../symbolic/moments.ts';

/** A positive rational n/m that shrinks towards 1 (n, m shrink towards 1). */
export function positiveRationalArb(maxNum = 8, maxDen = 8): fc.Arbitrary<Rational> {
  return fc.tuple(fc.integer({ min: 1, max: maxNum }), fc.integer({ min: 1, max: maxDen })).map(([n, m]) => q(n, m));
}

/** Exact parameters of (2.4)/(3.1). */
export interface PaperParams {
  d: number;
  omega0Sq: Rational;
  gamma: Rational;
  beta: Rational;
}

/** (d, ω₀², γ, β) with d ∈ [1, maxD] shrinking to 1 and rationals shrinking to 1. */
export function paramsArb(maxD = 3): fc.Arbitrary<PaperParams> {
  return fc.record({ d: fc.integer({ min: 1, max: maxD }), omega0Sq: positiveRationalArb(), gamma: positiveRationalArb(), beta: positiveRationalArb() });
}

/** One term c·Π He_deg(y_coord) of a polynomial test function (Hermite of M's variances). */
export interface HermiteTerm {
  /** Factors He_deg(y_coord); coord indexes (x1…x_maxD, v1…v_maxD); coordinates beyond d are dropped. */
  factors: { coord: number; deg: number }[];
  coef: number;
  /** maxD the coordinates refer to. */
  maxD: number;
}

/** A sparse Hermite term: 1–2 factors of degree 1–2 (shrinking to one factor He_1(x1)), coefficient ±1…±3 (shrinking to 1). */
export function hermiteTermArb(maxD = 3): fc.Arbitrary<HermiteTerm> {
  return fc.record({
    factors: fc.array(fc.record({ coord: fc.integer({ min: 0, max: 2 * maxD - 1 }), deg: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 2 }),
    coef: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([c, s]) => (s ? -c : c)),
    maxD: fc.constant(maxD),
  });
}

/** Σ terms as an exact polynomial in dimension d (Hermite of M's variances at w), minus its exact mean. */
export function hermiteTermsPoly(terms: readonly HermiteTerm[], d: number, w: MomentWeight): Poly {
  const s = weightVariances(w);
  let h = Poly.ZERO;
  for (const t of terms) {
    const degs = new Map<string, number>();
    for (const f of t.factors) {
      const isX = f.coord < t.maxD;
      const k = isX ? f.coord : f.coord - t.maxD;
      if (k >= d) continue;
      const name = `${isX ? 'x' : 'v'}${k + 1}`;
      degs.set(name, (degs.get(name) ?? 0) + f.deg);
    }
    let p = Poly.constant(Rational.fromNumber(t.coef));
    for (const [name, k] of degs) p = p.mul(hermitePoly(k, name, name.startsWith('x') ? s.x : s.v));
    h = h.add(p);
  }
  // ∫hM = 0 as (3.5) requires: subtract the exact mean (only constant terms contribute).
  return h.sub(Poly.constant(expectationValue(h, w)));
}

/** A polynomial test-function case for (3.5): parameters and 1–3 Hermite terms. */
export interface PoincareCase {
  params: PaperParams;
  terms: HermiteTerm[];
}

export function poincareCaseArb(maxD = 3): fc.Arbitrary<PoincareCase> {
  return fc.record({ params: paramsArb(maxD), terms: fc.array(hermiteTermArb(maxD), { minLength: 1, maxLength: 3 }) });
}
