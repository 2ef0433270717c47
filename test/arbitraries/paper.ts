/**
 * Domain arbitraries of the paper (fast-check): parameters (d, ω₀², γ, β) as exact rationals that
 * shrink to round values, polynomial test functions that shrink to one low-degree Hermite term,
 * bounded perturbations ε, and trigonometric / bump test functions. Reused by the tests and by
 * `hypocheck search` (src/commands/search.ts).
 */
import fc from 'fast-check';
import { Rational, q } from '../../symbolic/rational.ts';
import { Poly } from '../../symbolic/poly.ts';
import { expectationValue, hermitePoly, weightVariances, type MomentWeight } from '../../symbolic/moments.ts';
import { bumpTestFunction, sinGaussPerturbation, tanhPerturbation, trigTestFunction, type Perturbation, type TestFunction } from '../../numeric/families.ts';

export {
  positiveRationalArb,
  paramsArb,
  hermiteTermArb,
  hermiteTermsPoly,
  poincareCaseArb,
  type PaperParams,
  type HermiteTerm,
  type PoincareCase,
} from '../../src/commands/search-cases.ts';

/** Bounded perturbations: a·tanh(bθ) or a·sin(bθ)e^{−cθ²}, |a| ≤ 0.3 (floating parameters). */
export function perturbationArb(d: number): fc.Arbitrary<Perturbation> {
  const vec = (lo: number, hi: number) => fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d });
  return fc.oneof(
    fc.tuple(vec(-0.3, 0.3), vec(0.5, 2)).map(([a, b]) => tanhPerturbation(a, b)),
    fc.tuple(vec(-0.3, 0.3), vec(0.5, 2), vec(0.2, 1)).map(([a, b, c]) => sinGaussPerturbation(a, b, c)),
  );
}

/** Trigonometric sums and Gaussian bumps on ℝ^{2d}. */
export function smoothTestFunctionArb(d: number): fc.Arbitrary<TestFunction> {
  const vec = (lo: number, hi: number) => fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d });
  return fc.oneof(
    fc.tuple(fc.double({ min: 0.5, max: 1.5, noNaN: true }), vec(-1, 1), vec(-1, 1), fc.double({ min: 0, max: 6.28, noNaN: true })).map(([amp, kx, kv, phase]) => trigTestFunction(d, [{ amp, kx, kv, phase }])),
    fc.tuple(fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.double({ min: 0.1, max: 0.5, noNaN: true }), vec(-1, 1), vec(-1, 1)).map(([a, c, cx, cv]) => bumpTestFunction(d, a, c, cx, cv)),
  );
}
