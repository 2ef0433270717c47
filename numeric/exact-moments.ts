/**
 * Exact Gaussian moments of polynomial integrands under M of (3.1), by Isserlis/Wick:
 * the coordinates are independent centred normals, so
 * E[Π x_i^{a_i} v_i^{b_i}] = Π (a_i − 1)!! σ_x^{a_i} · (b_i − 1)!! σ_v^{b_i} (0 if any exponent is odd),
 * with σ_x² = 1/(βω₀²), σ_v² = 1/β. For (ω₀, β) and the constants given as doubles the
 * result is the exact rational value for those doubles (every double is a dyadic rational).
 * The Isserlis step is symbolic/moments.ts; this file converts the IR and wraps it as a backend.
 */
import { Rational } from '../symbolic/rational.ts';
import { Poly, pv } from '../symbolic/poly.ts';
import { expectationValue, type MomentWeight } from '../symbolic/moments.ts';
import { validateIntegrand, type Expr, type Integrand } from './expr.ts';
import { weightScales, type Estimate, type GaussianIntegrator, type GaussianWeight, type IntegrateOptions } from './integrator.ts';

/** Polynomial variable of the IR's coordinate x[i] / v[i]: "x1", "v1", … (1-based, as symbolic/moments.ts and the paper). */
export const xName = (i: number): string => `x${i + 1}`;
export const vName = (i: number): string => `v${i + 1}`;

/**
 * Degree of an expression in each coordinate: `x[i]`, `v[i]` (Infinity where it is not a
 * polynomial in that coordinate). Used to decide when Gauss–Hermite is exact.
 * @example coordinateDegrees(mul(xv(0), xv(0), vv(1)), 2) // returns { x: [2, 0], v: [0, 1] }
 */
export function coordinateDegrees(e: Expr, d: number): { x: number[]; v: number[] } {
  const rec = (e: Expr): number[] => {
    const zero = (): number[] => new Array(2 * d).fill(0);
    switch (e.op) {
      case 'const':
      case 'param':
        return zero();
      case 'x':
      case 'v': {
        const z = zero();
        z[(e.op === 'x' ? 0 : d) + e.index] = 1;
        return z;
      }
      case 'add': {
        const z = zero();
        for (const a of e.args) rec(a).forEach((k, i) => (z[i] = Math.max(z[i], k)));
        return z;
      }
      case 'mul': {
        const z = zero();
        for (const a of e.args) rec(a).forEach((k, i) => (z[i] += k));
        return z;
      }
      case 'powi':
        return rec(e.base).map((k) => (k === 0 || e.exp === 0 ? 0 : k * e.exp));
      case 'neg':
        return rec(e.arg);
      case 'div': {
        const num = rec(e.num);
        const den = rec(e.den);
        return num.map((k, i) => (den[i] > 0 ? Infinity : k));
      }
      default:
        // exp, log, …: not a polynomial in the coordinates its argument depends on
        return rec(e.arg).map((k) => (k === 0 ? 0 : Infinity));
    }
  };
  const all = rec(e);
  return { x: all.slice(0, d), v: all.slice(d) };
}

/**
 * The polynomial of an expression in the variables x1 … xd, v1 … vd, with constants and
 * parameters converted exactly (`Rational.fromNumber`). Throws a RangeError naming the
 * first non-polynomial node (exp, log, …, or a division by a non-constant).
 */
export function exprToPoly(e: Expr, params: Readonly<Record<string, number>>): Poly {
  switch (e.op) {
    case 'const':
      return Poly.constant(Rational.fromNumber(e.value));
    case 'x':
      return pv(xName(e.index));
    case 'v':
      return pv(vName(e.index));
    case 'param': {
      const value = params[e.name];
      if (value === undefined) throw new RangeError(`exprToPoly: parameter "${e.name}" has no value`);
      return Poly.constant(Rational.fromNumber(value));
    }
    case 'add':
      return e.args.reduce((s, a) => s.add(exprToPoly(a, params)), Poly.ZERO);
    case 'mul':
      return e.args.reduce((s, a) => s.mul(exprToPoly(a, params)), Poly.ONE);
    case 'powi':
      return exprToPoly(e.base, params).pow(e.exp);
    case 'neg':
      return exprToPoly(e.arg, params).neg();
    case 'div': {
      const den = exprToPoly(e.den, params).constantValue();
      if (den === undefined) throw new RangeError('exprToPoly: non-polynomial node "div" (denominator depends on x or v)');
      if (den.isZero()) throw new RangeError('exprToPoly: division by zero in a "div" node');
      return exprToPoly(e.num, params).scale(den.inv());
    }
    default:
      throw new RangeError(`exprToPoly: non-polynomial node "${e.op}"`);
  }
}

/** The weight of (3.1) with ω₀², β the exact rationals of the doubles given. */
export function exactWeight(w: GaussianWeight): MomentWeight {
  weightScales(w); // validates ω₀, β > 0
  const omega0 = Rational.fromNumber(w.omega0);
  return { omega0Sq: omega0.mul(omega0), beta: Rational.fromNumber(w.beta) };
}

/**
 * E_M[f_k] for every output of a polynomial integrand, as exact rationals.
 * @example exactMoments({ d: 1, names: ['m4'], exprs: [powi(xv(0), 4)], params: {} }, { omega0: 2, beta: 1 })[0].toString() // returns "3/16"
 */
export function exactMoments(f: Integrand, weight: GaussianWeight): Rational[] {
  validateIntegrand(f);
  const w = exactWeight(weight);
  return f.exprs.map((e, k) => {
    let p: Poly;
    try {
      p = exprToPoly(e, f.params);
    } catch (err) {
      if (err instanceof RangeError) throw new RangeError(`exactMoments: output "${f.names[k]}": ${err.message.replace(/^exprToPoly: /, '')}`);
      throw err;
    }
    return expectationValue(p, w);
  });
}

/** An estimate that is exact: `exact[k]` is mean[k] as a rational string; stderr is 0. */
export interface ExactEstimate extends Estimate {
  exact: string[];
}

/** The backend with its estimate type. */
export interface ExactMomentsIntegrator extends GaussianIntegrator {
  integrate(f: Integrand, weight: GaussianWeight, options?: IntegrateOptions): Promise<ExactEstimate>;
}

/**
 * The exact-moments backend as a `GaussianIntegrator` (name 'exact'): polynomial integrands
 * only; `samples`, `seed` are ignored. The mean is the nearest double to the exact value.
 */
export function createExactMoments(): ExactMomentsIntegrator {
  return {
    name: 'exact',
    async integrate(f: Integrand, weight: GaussianWeight, options: IntegrateOptions = {}): Promise<ExactEstimate> {
      const t0 = performance.now();
      options.signal?.throwIfAborted();
      const values = exactMoments(f, weight);
      options.onProgress?.(1);
      return {
        mean: values.map((r) => r.toNumber()),
        stderr: values.map(() => 0),
        samples: 0,
        backend: 'exact (Isserlis)',
        ms: performance.now() - t0,
        exact: values.map((r) => r.toString()),
      };
    },
  };
}
